// Moving a whole LB as one confirmed batch, shared by `lbtop vip move LB` and the VIPS view: the plans previewed
// up front (made against the state now), applied one by one, each after the first planned again just before it
// runs (stopping keepalived for one instance may already have moved another), stopping at the first failure. The
// way back is a batch too: the moves' undo steps in reverse order, each re-planned the same way.
import type { FailoverContext, MoveRequest } from './context.js';
import { planLbMove } from './lb-move.js';
import type { FailoverPlan, FailoverReport } from './types.js';
import { planVipMove } from './vip-move.js';
import { planWayBack } from './way-back.js';

export interface LbBatch {
  /** Its preview is every step's VRRP roles table, in order (src/actions/confirmation.ts). */
  preview: 'vrrp-batch';
  kind: 'lb-move' | 'lb-back';
  /** The LB emptied by the move (the one its VIPs go back to on the way back). */
  lb: string;
  to: string;
  title: string;
  /** The operator types the LB's name, as `lbtop vip move LB` asks: the VIPs may span several clusters. */
  confirmWord: string;
  plans: FailoverPlan[];
  refused: string | null;
  request: Omit<MoveRequest, 'target'>;
  /** lb-back: the move reports each plan undoes, pairwise with `plans`. */
  undoes: FailoverReport[];
}

export interface BatchDeps {
  context(): Promise<FailoverContext>;
  apply(plan: FailoverPlan): Promise<FailoverReport>;
  /** A step skipped or a stop, in words (the CLI prints it, the TUI adds it to the result). */
  note(text: string): void;
  /** Called with each plan made again before it is applied (the CLI prints the way back's previews). */
  planned?(plan: FailoverPlan, index: number): void;
}

export function planLbBatch(ctx: FailoverContext, lb: string, request: Omit<MoveRequest, 'target'>): LbBatch {
  const { plans, refused } = planLbMove(ctx, lb, request);
  return { preview: 'vrrp-batch', kind: 'lb-move', lb, to: request.to, title: `move every VIP of ${lb} to ${request.to}`, confirmWord: lb, plans, refused, request, undoes: [] };
}

/** One VIP's move as a batch of one, so the same loop applies it (nothing to re-plan); `lbtop vip move VIP`. */
export function vipBatch(plan: FailoverPlan, request: Omit<MoveRequest, 'target'>): LbBatch {
  return { preview: 'vrrp-batch', kind: 'lb-move', lb: plan.from ?? plan.vip, to: request.to, title: plan.title, confirmWord: plan.confirmWord, plans: [plan], refused: plan.refused, request, undoes: [] };
}

/** The way back of a batch's reports, or null when none of them can be undone. */
export function planLbBack(ctx: FailoverContext, done: LbBatch, reports: readonly FailoverReport[]): LbBatch | null {
  const pairs = reports.filter((r) => r.undo.length).reverse().flatMap((r) => {
    const plan = planWayBack(r, ctx);
    return plan ? [{ plan, report: r }] : [];
  });
  if (pairs.length === 0) return null;
  const refused = pairs.filter((p) => p.plan.refused).map((p) => `${p.plan.instance}: ${p.plan.refused}`);
  return {
    preview: 'vrrp-batch',
    kind: 'lb-back', lb: done.lb, to: done.lb, title: `the way back: every VIP moved off ${done.lb}`, confirmWord: done.lb,
    plans: pairs.map((p) => p.plan), refused: refused.length ? refused.join('; ') : null, request: { ...done.request, targets: undefined }, undoes: pairs.map((p) => p.report),
  };
}

export async function applyLbBatch(batch: LbBatch, deps: BatchDeps): Promise<FailoverReport[]> {
  const reports: FailoverReport[] = [];
  if (batch.refused) {
    deps.note(`REFUSED: ${batch.refused}`);
    return reports;
  }
  for (const [i, first] of batch.plans.entries()) {
    let plan: FailoverPlan | null = first;
    if (i > 0) {
      const ctx = await deps.context();
      plan = batch.kind === 'lb-move' ? planVipMove(ctx, { ...batch.request, target: first.instance }) : planWayBack(batch.undoes[i]!, ctx);
      if (!plan) continue;
      deps.planned?.(plan, i);
    }
    if (i > 0 && batch.kind === 'lb-move' && plan.refused && /already on/.test(plan.refused)) {
      deps.note(`${first.instance}: already on ${batch.to} (moved with an earlier step)`);
      continue;
    }
    if (plan.refused) {
      deps.note(`REFUSED now: ${plan.refused}; stopping here`);
      break;
    }
    const report = await deps.apply(plan);
    reports.push(report);
    if (!report.ok) break;
  }
  return reports;
}
