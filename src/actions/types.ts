// The shape of every write: plan → preview → (confirm) → apply → verify → report.
// Nothing here sends anything; src/actions/apply.ts does, and only for a confirmed plan.

/** One runtime-API command to send to one LB, already built with buildCommand (escaped). */
export interface PlannedCommand {
  lb: string;
  command: string;
  /** What the target looks like before, for the preview table ("DRAIN", "weight 100", "12 sessions"). */
  before?: string;
  /** What we expect after, checked by verify. */
  expect?: string;
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
}

export interface Plan {
  id: string;
  /** "drain be/s1 on lb1, lb2". */
  title: string;
  kind: 'server-admin' | 'server-weight' | 'node' | 'raw';
  changes: PlannedChange[];
  commands: PlannedCommand[];
  /** Commands that put every LB back as it was, in the order to send them. */
  rollback: PlannedCommand[];
  /** Why a part of the request cannot be done (server absent on an LB...): shown, not sent. */
  warnings: string[];
  /** For kind 'node': which node and what was asked, so apply can save the prior states and follow the drain. */
  node?: { name: string; action: 'drain' | 'maint' | 'ready' };
  /** True when the operator must type a word (e.g. the cluster name) rather than press y. */
  confirmWord?: string;
}

export type LbOutcome =
  | { lb: string; status: 'verified'; replies: string[] }
  | { lb: string; status: 'applied-unverified'; replies: string[]; detail: string }
  | { lb: string; status: 'failed'; replies: string[]; error: string }
  | { lb: string; status: 'skipped'; detail: string };

export interface ApplyReport {
  plan: Plan;
  outcomes: LbOutcome[];
  /** True when every LB was verified. */
  ok: boolean;
  /** LBs that changed and could be rolled back (set when another LB failed). */
  rollbackOffered: string[];
}
