// Failover writes of the one dialog, each confirmed by a typed word: a VIP move (Tab aims it at the next candidate
// LB), a whole-LB move as one batch, a BGP disable/enable. A move's outcome offers the way back (R), which is
// planned and previewed first, never sent blind.
import type { BgpPlan } from '../../actions/failover/bgp.js';
import type { LbBatch } from '../../actions/failover/lb-batch.js';
import type { FailoverPlan } from '../../actions/failover/types.js';
import type { FailoverServices } from '../failover/failover-services.js';
import type { Next, Write } from '../state/write-dialog.js';

const nothingBack: Next = { show: 'nothing', flash: ['the way back: nothing to undo', 'error'] };

/** The next candidate LB after `to`, or why there is none. */
function nextTarget(to: string, targets: readonly string[]): string | { why: string } {
  if (targets.length < 2) return { why: `${to} is the only LB to move to` };
  return targets[(targets.indexOf(to) + 1) % targets.length]!;
}

/** `plan.targets`: the LBs Tab cycles through (the planner carries them from the request). */
export function vipWrite(plan: FailoverPlan, services: FailoverServices, force = false): Write {
  const targets = plan.targets ?? [];
  return {
    preview: plan,
    sending: `applying: ${plan.title} (watching the VIP move)`,
    send: () => services.apply(plan).then((report): Next => ({
      show: 'outcome',
      outcome: { kind: 'vrrp', report },
      rollback: report.undo.length > 0
        ? { label: 'the way back (preview first)', busy: 'planning the way back', run: () => services.wayBack(report).then((back) => (back ? { show: 'preview', write: vipWrite(back, services) } : nothingBack)) }
        : undefined,
      flash: [report.ok ? report.detail : `failover not verified: ${report.detail}`, report.ok ? 'ok' : 'error'],
    })),
    ...(targets.length > 0 ? {
      retarget: () => {
        const next = nextTarget(plan.to, targets);
        return typeof next === 'string' ? services.planMove({ target: plan.vip, to: next, force, targets }).then((p) => vipWrite(p, services, force)) : next.why;
      },
    } : {}),
  };
}

/** `batch.request`: the move as asked (its targets for Tab, force), planned again for the next target. */
export function batchWrite(batch: LbBatch, services: FailoverServices): Write {
  const targets = batch.request.targets ?? [];
  const steps = `${batch.plans.length} step${batch.plans.length === 1 ? '' : 's'}`;
  return {
    preview: batch,
    sending: `applying: ${batch.title} (${steps}, watching each VIP move)`,
    send: () => {
      const notes: string[] = [];
      return services.applyLbBatch(batch, (t) => notes.push(t)).then((reports): Next => {
        const ok = reports.length > 0 && reports.every((r) => r.ok) && !notes.some((n) => n.startsWith('REFUSED'));
        return {
          show: 'outcome',
          outcome: { kind: 'vrrp-batch', batch, reports, notes },
          rollback: reports.some((r) => r.undo.length > 0)
            ? { label: 'the way back (preview first)', busy: 'planning the way back', run: () => services.lbWayBack(batch, reports).then((back) => (back ? { show: 'preview', write: batchWrite(back, services) } : nothingBack)) }
            : undefined,
          flash: [ok ? `${batch.title}: done, ${reports.length} step(s)` : `${batch.title}: not all done`, ok ? 'ok' : 'error'],
        };
      });
    },
    ...(targets.length > 0 ? {
      retarget: () => {
        const next = nextTarget(batch.to, targets);
        return typeof next === 'string' ? services.planLbMove(batch.lb, { ...batch.request, to: next }).then((b) => batchWrite(b, services)) : next.why;
      },
    } : {}),
  };
}

export function bgpWrite(plan: BgpPlan, services: FailoverServices): Write {
  return {
    preview: plan,
    sending: `applying: ${plan.title}`,
    send: () => services.applyBgp(plan).then((report): Next => ({ show: 'outcome', outcome: { kind: 'bgp', report } })),
  };
}
