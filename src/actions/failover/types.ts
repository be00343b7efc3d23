// A failover (or BGP) action as data: what runs where, the files it rewrites (with a redacted diff), each LB's
// priority now and after, and the predicted owner. Nothing here sends anything; apply.ts does, once confirmed.

export type FailoverMethod = 'track-file' | 'priority' | 'stop' | 'hb-standby' | 'hb-takeover' | 'bgp';

export type HostStep =
  | { kind: 'run'; lb: string; argv: string[]; why: string }
  /** Write `text` to `path` atomically (temp, fsync, rename; previous kept as PATH.lbtop-bak). */
  | { kind: 'write-track-file'; lb: string; path: string; text: string; why: string }
  /**
   * Edit keepalived.conf: on the real file (which holds the password) replace `line` (1-based) with `newLine`, or
   * insert it after `line` when `insert`. `base` is the redacted text the preview was made from: the file must still
   * read the same (redacted) at apply time. The result is checked with `keepalived -t` before it replaces the file.
   */
  | { kind: 'edit-conf'; lb: string; path: string; base: string; line: number; newLine: string; insert: boolean; why: string }
  /** Restore a file to text captured at apply time (the way back), atomically. */
  | { kind: 'restore-file'; lb: string; path: string; text: string; expected: string; check: boolean; why: string };

export interface PriorityRow {
  lb: string;
  state: string;
  priorityNow: number | null;
  priorityAfter: number | null;
  predicted: string;
}

export interface FailoverPlan {
  /** Its preview is a VRRP roles table (src/actions/confirmation.ts). */
  preview: 'vrrp';
  /** Every LB the move could go to, as the request named them (Tab in the preview plans it for the next one). */
  targets?: readonly string[];
  id: string;
  title: string;
  kind: 'vip-move' | 'vip-back' | 'bgp';
  method: FailoverMethod;
  vip: string;
  instance: string;
  cluster: string | null;
  /** The operator types this to confirm (the cluster name, else the instance). */
  confirmWord: string;
  from: string | null;
  to: string;
  steps: HostStep[];
  /** Redacted unified diffs of file edits, for the preview. */
  diffs: { lb: string; path: string; diff: string }[];
  table: PriorityRow[];
  predictedOwner: string | null;
  reason: string;
  /** Standby health check; problems refuse the plan unless overridden. */
  precheck: { ok: boolean; lines: string[] };
  /** Stick-table peers of the holder and the target (peers-check.ts): a warning only, never a refusal. */
  peers?: { ok: boolean; lines: string[] };
  /** Methods considered and why each was not used. */
  notes: string[];
  warnings: string[];
  /** Why the plan cannot be applied; null when it can. */
  refused: string | null;
  /** LBs whose `ip -j addr` is watched after apply. */
  watch: string[];
}

export interface StepOutcome {
  step: HostStep;
  ok: boolean;
  output: string;
}

export interface FailoverReport {
  plan: FailoverPlan;
  steps: StepOutcome[];
  ok: boolean;
  /** ms from the first command to the VIP seen only on the new owner; null if it never was. */
  moveMs: number | null;
  /** Who the kernels say holds the VIP at the end. */
  holders: string[];
  verified: boolean;
  /** A step started and did not finish in time: it may have run. The holders above say where the VIP is now. */
  unknown?: boolean;
  detail: string;
  /** Steps that undo this one (captured file texts, start commands); empty when nothing can be undone. */
  undo: HostStep[];
}
