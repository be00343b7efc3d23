// Moving an LB rather than one VIP: every VIP that LB alone holds goes to `to`, one VRRP instance (or heartbeat
// group) at a time. The plans shown up front are made against the state now; each later one is made again just
// before it is applied (an earlier step, stopping keepalived for one, may already have moved its VIP).
import type { FailoverContext, MoveRequest } from './context.js';
import type { FailoverPlan } from './types.js';
import { planVipMove } from './vip-move.js';

/** The instances (or heartbeat groups) whose VIPs `lb` holds alone, in the VIPS view's order. */
export function instancesHeldBy(ctx: FailoverContext, lb: string): string[] {
  const held = ctx.vips.filter((r) => {
    if (r.resource) return false; // its group moves with the group's address, if it has one
    const holders = [...new Set(r.verdict.holders.map((h) => h.host))];
    return holders.length === 1 && holders[0] === lb;
  });
  return [...new Set(held.map((r) => r.instance))];
}

export function planLbMove(ctx: FailoverContext, lb: string, request: Omit<MoveRequest, 'target'>): { plans: FailoverPlan[]; refused: string | null } {
  const instances = instancesHeldBy(ctx, lb);
  if (instances.length === 0) return { plans: [], refused: `${lb} holds no VIP alone (VIPS view: held by, alarms)` };
  const plans = instances.map((instance) => planVipMove(ctx, { ...request, target: instance }));
  const refused = plans.filter((p) => p.refused).map((p) => `${p.instance}: ${p.refused}`);
  return { plans, refused: refused.length ? refused.join('; ') : null };
}
