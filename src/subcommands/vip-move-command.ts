// `lbtop vip move TARGET --to LB`: one VIP or instance, or an LB (every VIP it holds alone, instance by instance,
// each re-planned just before it is applied), through the one confirmation (confirm-write.ts). Confirmation is the
// cluster name for one VIP, the LB's name for an LB. `--back` takes the way back at once (a drill); otherwise the
// way back is previewed and offered on a terminal, and printed to take by hand when not taken.
import type { Preview } from '../actions/confirmation.js';
import { EXIT } from '../cli/exit-codes.js';
import type { FailoverContext } from '../actions/failover/context.js';
import { applyLbBatch, planLbBack, planLbBatch, vipBatch, type LbBatch } from '../actions/failover/lb-batch.js';
import type { FailoverPlan, FailoverReport } from '../actions/failover/types.js';
import { planVipMove } from '../actions/failover/vip-move.js';
import type { FailoverInvocation } from '../cli/failover-args.js';
import { wayBackByHandLines } from '../present/failover-report.js';
import { linesText } from '../present/line.js';
import { confirmWrite, type ConfirmIo, type WriteSend } from './confirm-write.js';

type MoveInvocation = Extract<FailoverInvocation, { kind: 'vip-move' }>;

export interface MoveDeps extends ConfirmIo {
  context(): Promise<FailoverContext>;
  apply(plan: FailoverPlan): Promise<FailoverReport>;
  isLb(name: string): boolean;
}

const summary = (r: FailoverReport) => ({ title: r.plan.title, method: r.plan.method, ok: r.ok, moveMs: r.moveMs, holders: r.holders, detail: r.detail });

/** One batch applied, its notes ("skipped", "REFUSED") gathered into its outcome, as the VIPS view reports it. */
function sendBatch(batch: LbBatch, single: boolean, deps: MoveDeps): WriteSend<{ reports: FailoverReport[]; notes: string[] }> {
  return {
    send: async () => {
      const notes: string[] = [];
      return { reports: await applyLbBatch(batch, { context: deps.context, apply: deps.apply, note: (t) => notes.push(t) }), notes };
    },
    // One VIP is previewed as itself and reported as itself; an LB as the batch, step by step.
    outcome: ({ reports, notes }) => (single && reports[0] && notes.length === 0 ? { kind: 'vrrp', report: reports[0] } : { kind: 'vrrp-batch', batch, reports, notes }),
  };
}

export async function runVipMove(inv: MoveInvocation, deps: MoveDeps): Promise<number> {
  const request = { to: inv.to, force: inv.force, ...(inv.method ? { method: inv.method } : {}) };
  const ctx = await deps.context();
  const lbMove = deps.isLb(inv.target);
  // One VIP is a batch of one (the same loop applies it); its preview is the plan itself, as in the VIPS view.
  const batch = lbMove ? planLbBatch(ctx, inv.target, request) : vipBatch(planVipMove(ctx, { ...request, target: inv.target }), request);
  const single = (b: LbBatch) => !lbMove && b.plans.length === 1;
  const previewOf = (b: LbBatch): Preview => (single(b) ? b.plans[0]! : b);
  const sent = await confirmWrite(previewOf(batch), inv, deps, sendBatch(batch, single(batch), deps));
  if (!sent.sent) return sent.code;
  const reports = [...sent.result.reports];
  const undo = reports.filter((r) => r.undo.length).reverse();
  // The way back: --back takes it at once (a drill), a terminal is asked after its preview, --yes alone leaves it.
  let taken = false;
  if (undo.length && (inv.back || !inv.yes)) {
    const back = planLbBack(await deps.context(), batch, reports);
    const went = back ? await confirmWrite(previewOf(back), { dryRun: false, yes: inv.back }, deps, sendBatch(back, single(back), deps)) : null;
    if (went?.sent) reports.push(...went.result.reports);
    taken = went?.sent === true;
  }
  if (undo.length && !taken) deps.out(`${linesText(wayBackByHandLines(undo.flatMap((r) => r.undo)))}\n`);
  if (inv.json) deps.out(`${JSON.stringify(reports.map(summary))}\n`);
  if (reports.some((r) => r.unknown)) return EXIT.UNKNOWN;
  return reports.length > 0 && reports.every((r) => r.ok) ? EXIT.OK : EXIT.FAILED;
}
