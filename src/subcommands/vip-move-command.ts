// `lbtop vip move TARGET --to LB`: one VIP or instance, or an LB (every VIP it holds alone, instance by instance,
// each re-planned just before it is applied). Confirmation is the cluster name for one VIP, the LB's name for an
// LB. `--back` takes the way back at once (a drill); otherwise the way back is offered on a terminal and printed.
import { EXIT } from '../cli/exit-codes.js';
import type { FailoverContext } from '../actions/failover/context.js';
import { applyLbBatch, planLbBack, planLbBatch, type LbBatch } from '../actions/failover/lb-batch.js';
import type { FailoverPlan, FailoverReport } from '../actions/failover/types.js';
import { planVipMove } from '../actions/failover/vip-move.js';
import type { FailoverInvocation } from '../cli/failover-args.js';
import { failoverPlanText as planText } from '../present/failover-preview.js';
import { wayBackByHandLines } from '../present/failover-report.js';
import { linesText } from '../present/line.js';

type MoveInvocation = Extract<FailoverInvocation, { kind: 'vip-move' }>;

export interface MoveDeps {
  context(): Promise<FailoverContext>;
  apply(plan: FailoverPlan): Promise<FailoverReport>;
  askWord(prompt: string, word: string): Promise<boolean>;
  out(text: string): void;
  isLb(name: string): boolean;
}

const summary = (r: FailoverReport) => ({ title: r.plan.title, method: r.plan.method, ok: r.ok, moveMs: r.moveMs, holders: r.holders, detail: r.detail });

export async function runVipMove(inv: MoveInvocation, deps: MoveDeps): Promise<number> {
  const request = { to: inv.to, force: inv.force, ...(inv.method ? { method: inv.method } : {}) };
  const ctx = await deps.context();
  const lbMove = deps.isLb(inv.target);
  // One VIP is a batch of one: the same loop applies it (with nothing to re-plan).
  const one = (plan: FailoverPlan): LbBatch => ({ preview: 'vrrp-batch', kind: 'lb-move', lb: plan.from ?? inv.target, to: inv.to, title: plan.title, confirmWord: plan.confirmWord, plans: [plan], refused: plan.refused, request, undoes: [] });
  const batch = lbMove ? planLbBatch(ctx, inv.target, request) : one(planVipMove(ctx, { ...request, target: inv.target }));
  const { plans, refused } = batch;
  for (const plan of plans) deps.out(`${planText(plan)}\n\n`);
  if (refused) {
    // One plan already says REFUSED in its preview; for an LB, the sum of them.
    if (lbMove) deps.out(`REFUSED: ${refused}\n`);
    return 1;
  }
  if (inv.dryRun) return 0;
  const word = lbMove ? inv.target : plans[0]!.confirmWord;
  if (!inv.yes && !(await deps.askWord(`Type ${word} to apply${plans.length > 1 ? ` all ${plans.length}` : ''}: `, word))) {
    deps.out('Nothing changed.\n');
    return 1;
  }
  const note = (text: string) => deps.out(`${text}\n`);
  const reports = await applyLbBatch(batch, { context: deps.context, apply: deps.apply, note });
  const undo = reports.filter((r) => r.undo.length).reverse();
  if (undo.length && (inv.back || (!inv.yes && (await deps.askWord(`The way back: type ${word} to take it now (Enter: not now): `, word))))) {
    const back = planLbBack(await deps.context(), batch, reports);
    if (back) {
      if (back.plans[0]) deps.out(`${planText(back.plans[0])}\n`);
      reports.push(...(await applyLbBatch(back, { context: deps.context, apply: deps.apply, note, planned: (p) => deps.out(`${planText(p)}\n`) })));
    }
  } else if (undo.length) {
    deps.out(`${linesText(wayBackByHandLines(undo.flatMap((r) => r.undo)))}\n`);
  }
  if (inv.json) deps.out(`${JSON.stringify(reports.map(summary))}\n`);
  if (reports.some((r) => r.unknown)) return EXIT.UNKNOWN;
  return reports.length > 0 && reports.every((r) => r.ok) ? EXIT.OK : EXIT.FAILED;
}
