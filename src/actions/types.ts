// The shape of every write: plan → preview → (confirm) → apply → verify → report.
// Nothing here sends anything; src/actions/apply.ts does, and only for a confirmed plan.
import type { NodeCandidate } from '../model/fleet.js';
import type { UserInvocation, UserRunResult } from './user-command.js';

/** One runtime-API command to send to one LB, already built with buildCommand (escaped). */
export interface PlannedCommand {
  lb: string;
  command: string;
  /** What the target looks like before, for the preview table ("DRAIN", "weight 100", "12 sessions"). */
  before?: string;
  /** What we expect after, checked by verify. */
  expect?: string;
  /** For `shutdown session(s)`: the sessions it is meant to end, so verify tells them from new ones (session-verify.ts). */
  sessions?: { id: string; client: string | null }[];
  /** A stick-table entry this command clears: verify reads the key again and expects it gone (tables/verify-key.ts). */
  readBack?: { table: string; key: string };
}

/** A change on one target (LB + backend/server), shown as a row of the preview table. */
export interface PlannedChange {
  lb: string;
  backend: string;
  server: string;
  from: string;
  to: string;
  /** Current sessions on that server on that LB, so the operator sees what a maint would cut. */
  sessions: number | null;
  /** A node action: how this server was found ("address 10.0.0.21", "BGP prefix 172.16.171.64/26 via worker1"). */
  matched?: string;
}

export interface Plan {
  /** Its preview is a servers table (src/actions/confirmation.ts): the plan is the preview, no wrapping. */
  preview: 'servers';
  id: string;
  /** "drain be/s1 on lb1, lb2". */
  title: string;
  /** undo: the way back of an action in the audit log, re-planned against the current state (undo-plan.ts). */
  kind: 'server-admin' | 'server-weight' | 'node' | 'raw' | 'user-command' | 'sessions' | 'table-clear' | 'undo';
  changes: PlannedChange[];
  commands: PlannedCommand[];
  /** Commands that put every LB back as it was, in the order to send them. */
  rollback: PlannedCommand[];
  /** Why a part of the request cannot be done (server absent on an LB...): shown, not sent. */
  warnings: string[];
  /** What the operator should see before confirming and is not a warning (the stick-table entries a clear removes). */
  notes?: string[];
  /**
   * For kind 'node': which node and what was asked, so apply can save the prior states and follow the drain.
   * `name` is the machine's address (or the name, for servers with no machine address): the node record's key.
   * `candidates`: the name was carried at several addresses, so nothing is planned and one must be picked.
   */
  node?: {
    name: string;
    action: 'drain' | 'maint' | 'ready';
    asked?: string;
    candidates?: NodeCandidate[];
    /** NODE names no server and was not looked up yet: it may be a hostname (the caller resolves it, plans again). */
    hostLookup?: boolean;
  };
  /**
   * For kind 'user-command': the exact command and the LB it runs on (`where: lb`), shown as the plan's one
   * command line. Applying it runs the command (the output pane shows what it printed).
   */
  user?: { invocation: Extract<UserInvocation, { ok: true }>; lb: string | null };
  /** The user commands that run around this node drain (lbtop.yaml `on: {node-drain: …}`), as the preview lists them. */
  hooks?: string[];
  /** The before-hooks already run, one failed, and the operator chose to send the drain anyway (they do not run again). */
  hooksRun?: UserRunResult[];
  /** For kind 'undo': the history entry (the plan id in the audit log) this plan undoes. */
  undoOf?: string;
  /** Every LB at once (apply-fanout.ts), as a node action went: set on the undo of one, which may span a fleet. */
  fanout?: boolean;
  /**
   * The undo of a node drain/maint: the node record (node-record.ts) to remove once the undo is verified, so a later
   * `node ready` does not restore states saved before a drain that was undone.
   */
  clearsNodeRecord?: string;
  /** Why the whole plan is refused before anything is sent (a weight the backend's algorithm cannot take). */
  refused?: string[];
  /** True when the operator must type a word (e.g. the cluster name) rather than press y. */
  confirmWord?: string;
  /**
   * LBs in the plan's scope that did not answer when it was made: lbtop cannot tell what they carry, so the plan
   * is refused unless the operator leaves them out explicitly (`--skip-unreachable`, or the preview's choice).
   */
  unreachable?: { lb: string; error: string }[];
  /** The operator's explicit choice to apply without the unreachable LBs (`--skip-unreachable`, or the preview's). */
  skipUnreachable?: boolean;
}

export type LbOutcome =
  | { lb: string; status: 'verified'; replies: string[] }
  | { lb: string; status: 'applied-unverified'; replies: string[]; detail: string }
  | { lb: string; status: 'failed'; replies: string[]; error: string }
  /** A command went out and its reply was lost; the re-read could not show it landed (write-path.ts). */
  | { lb: string; status: 'unknown'; replies: string[]; detail: string }
  | { lb: string; status: 'skipped'; detail: string };

export interface ApplyReport {
  plan: Plan;
  outcomes: LbOutcome[];
  /** True when every LB was verified. */
  ok: boolean;
  /** LBs that changed, or may have, and could be rolled back (set when another LB failed or is unknown). */
  rollbackOffered: string[];
  /** Unreachable LBs the operator chose to leave out of the plan; they keep whatever state they have. */
  leftOut: string[];
  /** User commands run for this plan: node-drain hooks, or the command itself (kind 'user-command'). */
  hooks?: UserRunResult[];
  /** A before-hook failed, so nothing was sent: the operator may still go on (the preview opens again). */
  held?: boolean;
}
