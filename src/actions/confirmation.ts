// One confirmation model for every write lbtop makes (issue 14): whatever planned it — a runtime-API plan, a
// map/ACL edit, a haproxy.cfg edit, a VIP move, a whole-LB move, a BGP change — the operator is shown a typed
// preview, confirms it the one way it asks (y, or a typed word), and is shown a typed outcome. The presentation
// (src/present/confirmation.ts) renders both; the UI's one write dialog and the subcommands' one confirmation
// (src/subcommands/confirm-write.ts) drive them. Nothing here sends anything.
// Each planner's result IS its Preview: every plan type carries its `preview` tag, so a planner's return value goes
// to the dialog or the CLI as it is, and the tests keep asserting on plain plans.
import type { ConfigEditPlan } from './config-edit-apply.js';
import type { BgpPlan, BgpReport } from './failover/bgp.js';
import type { LbBatch } from './failover/lb-batch.js';
import type { FailoverPlan, FailoverReport } from './failover/types.js';
import type { MapsLbOutcome, MapsPlan, MapsReport } from './maps/types.js';
import type { ApplyReport, Plan } from './types.js';

/**
 * What the operator reads before confirming, told apart by `preview`: a servers table (runtime-API plans: server,
 * node, sessions, tables, undo, drift to runtime, user commands), an entries diff (map/ACL), a file diff
 * (haproxy.cfg), a VRRP roles table (one VIP), one per step (a whole LB), a BGP session's change.
 */
export type Preview = Plan | MapsPlan | ConfigEditPlan | FailoverPlan | LbBatch | BgpPlan;

/** How it is confirmed: a key (y, guarded against keys typed ahead) or a word typed out in full and Enter. */
export type Confirm = { by: 'key' } | { by: 'word'; word: string };

/** What happened, in the shape of what was planned. */
export type Outcome =
  | { kind: 'servers'; report: ApplyReport }
  | { kind: 'entries'; report: MapsReport }
  | { kind: 'file'; outcome: MapsLbOutcome }
  | { kind: 'vrrp'; report: FailoverReport }
  | { kind: 'vrrp-batch'; batch: LbBatch; reports: FailoverReport[]; notes: string[] }
  | { kind: 'bgp'; report: BgpReport };

export function previewTitle(p: Preview): string {
  return p.preview === 'file' ? `write ${p.path} on ${p.lb}` : p.title;
}

export function confirmOf(p: Preview): Confirm {
  if (p.preview === 'servers') return p.confirmWord === undefined ? { by: 'key' } : { by: 'word', word: p.confirmWord };
  if (p.preview === 'entries' || p.preview === 'file') return { by: 'key' };
  return { by: 'word', word: p.confirmWord };
}

/**
 * Why the preview cannot be sent as it stands (null when it can): a refusal of the planner, errors in an edit,
 * nothing to send, or unreachable LBs in scope the operator has not chosen to leave out (`u`).
 */
export function blockedWhy(p: Preview): string | null {
  switch (p.preview) {
    case 'servers': {
      const unreachable = p.unreachable ?? [];
      if (unreachable.length > 0 && p.skipUnreachable !== true) return `refused: ${unreachable.map((u) => u.lb).join(', ')} unreachable`;
      if (p.refused?.length) return `refused: ${p.refused.join('; ')}`;
      return p.commands.length === 0 ? 'nothing to send' : null;
    }
    case 'entries':
      return p.errors.length > 0 ? 'this plan has errors: nothing can be applied' : null;
    case 'file':
      return null;
    default:
      return p.refused ? `refused: ${p.refused}` : null;
  }
}

export function outcomeTitle(o: Outcome): string {
  switch (o.kind) {
    case 'file': return `write on ${o.outcome.lb}`;
    case 'vrrp-batch': return o.batch.title;
    default: return o.report.plan.title;
  }
}

export function outcomeOk(o: Outcome): boolean {
  switch (o.kind) {
    case 'file': return o.outcome.status === 'applied';
    case 'vrrp-batch': return o.reports.length > 0 && o.reports.every((r) => r.ok) && !o.notes.some((n) => n.startsWith('REFUSED'));
    default: return o.report.ok;
  }
}
