// The way back after a move: the undo steps the apply captured (the track file's old number, keepalived.conf as
// it was, starting keepalived again, hb_takeover on the old holder), as a plan of its own with its own preview
// and confirmation, predicting where the VIP lands (an old master with nopreempt does not take it back).
import { instanceOn, nextPlanId, primaryIp, type FailoverContext } from './context.js';
import type { FailoverPlan, FailoverReport } from './types.js';
import { predictOwner, type VrrpPeer } from './vrrp-predict.js';

export function planWayBack(report: FailoverReport, ctx: FailoverContext): FailoverPlan | null {
  const { plan } = report;
  if (report.undo.length === 0 || !plan.from) return null;
  const newOwner = report.holders.length === 1 ? report.holders[0]! : plan.to;
  let predictedOwner: string | null = plan.from;
  let reason = `heartbeat hands the group back to ${plan.from}`;
  if (plan.method !== 'hb-standby' && plan.method !== 'hb-takeover') {
    const peers: VrrpPeer[] = plan.table.map((row) => {
      const inst = instanceOn(ctx, row.lb, plan.instance);
      const conf = ctx.hosts.find((h) => h.lb === row.lb)?.keepalived?.value?.config?.instances.find((i) => i.name === plan.instance);
      return {
        lb: row.lb,
        state: row.lb === newOwner ? 'MASTER' : 'BACKUP',
        priority: row.priorityNow ?? 100,
        nopreempt: conf ? conf.nopreempt && conf.initialState !== 'MASTER' : (inst?.nopreempt ?? false),
        primaryIp: inst ? primaryIp(ctx, row.lb, inst) : null,
      };
    });
    const p = predictOwner(peers);
    predictedOwner = p.owner;
    reason = p.reason;
  }
  return {
    ...plan,
    // The way back goes to where the VIP came from: no other target to Tab to.
    targets: undefined,
    id: nextPlanId('vip-back'),
    kind: 'vip-back',
    title: `way back: ${plan.instance} (${plan.vip}) from ${newOwner} to ${plan.from}`,
    from: newOwner,
    to: plan.from,
    steps: report.undo,
    diffs: [],
    table: plan.table.map((r) => ({ ...r, state: r.lb === newOwner ? 'MASTER' : 'BACKUP', priorityAfter: r.priorityNow, predicted: r.lb === predictedOwner ? 'MASTER' : 'BACKUP' })),
    predictedOwner,
    reason,
    precheck: { ok: true, lines: [] },
    notes: [],
    warnings: predictedOwner === plan.from ? [] : [`the undo restores ${plan.from}'s settings, but the VIP is predicted to stay on ${predictedOwner ?? 'nobody'}: ${reason}`],
    refused: null,
  };
}
