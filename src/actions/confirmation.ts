// One confirmation model for every write lbtop makes (issue 14): whatever planned it — a runtime-API plan, a
// map/ACL edit, a haproxy.cfg edit, a VIP move, a whole-LB move, a BGP change — the operator is shown a typed
// preview, confirms it the one way it asks (y, or a typed word), and is shown a typed outcome. The presentation
// (src/present/confirmation.ts) renders both; the UI's one write dialog drives them. Nothing here sends anything.
import type { ConfigEditPlan } from './config-edit-apply.js';
import type { BgpPlan, BgpReport } from './failover/bgp.js';
import type { LbBatch } from './failover/lb-batch.js';
import type { FailoverPlan, FailoverReport } from './failover/types.js';
import type { MapsLbOutcome, MapsPlan, MapsReport } from './maps/types.js';
import type { ApplyReport, Plan } from './types.js';

/** What the operator reads before confirming: a servers table, an entries diff, a file diff, a VRRP roles table… */
export type Preview =
  | { kind: 'servers'; plan: Plan }
  | { kind: 'entries'; plan: MapsPlan }
  | { kind: 'file'; plan: ConfigEditPlan }
  /** `targets`: every LB the move could go to (Tab in the preview plans it again for the next one). */
  | { kind: 'vrrp'; plan: FailoverPlan; targets: readonly string[] }
  | { kind: 'vrrp-batch'; batch: LbBatch; targets: readonly string[] }
  | { kind: 'bgp'; plan: BgpPlan };

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
  if (p.kind === 'file') return `write ${p.plan.path} on ${p.plan.lb}`;
  return p.kind === 'vrrp-batch' ? p.batch.title : p.plan.title;
}

export function confirmOf(p: Preview): Confirm {
  if (p.kind === 'servers') return p.plan.confirmWord === undefined ? { by: 'key' } : { by: 'word', word: p.plan.confirmWord };
  if (p.kind === 'entries' || p.kind === 'file') return { by: 'key' };
  return { by: 'word', word: p.kind === 'vrrp-batch' ? p.batch.confirmWord : p.plan.confirmWord };
}

/**
 * Why the preview cannot be sent as it stands (null when it can): a refusal of the planner, errors in an edit,
 * nothing to send, or unreachable LBs in scope the operator has not chosen to leave out (`u`).
 */
export function blockedWhy(p: Preview): string | null {
  switch (p.kind) {
    case 'servers': {
      const unreachable = p.plan.unreachable ?? [];
      if (unreachable.length > 0 && p.plan.skipUnreachable !== true) return `refused: ${unreachable.map((u) => u.lb).join(', ')} unreachable`;
      if (p.plan.refused?.length) return `refused: ${p.plan.refused.join('; ')}`;
      return p.plan.commands.length === 0 ? 'nothing to send' : null;
    }
    case 'entries':
      return p.plan.errors.length > 0 ? 'this plan has errors: nothing can be applied' : null;
    case 'file':
      return null;
    case 'vrrp-batch':
      return p.batch.refused ? `refused: ${p.batch.refused}` : null;
    default:
      return p.plan.refused ? `refused: ${p.plan.refused}` : null;
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
