// Applying one plan to many LBs at once (node drain across a fleet): LBs in parallel through a bounded pool,
// so 50 LBs cost about what one does. Within an LB, commands go in order and are verified like applyPlan's.
// The house rule "stop at the first failure" holds for what has not started: once an LB fails, no new LB is
// begun (they are reported skipped) and every LB that changed is offered for rollback, host by host.
import { Limiter } from '../store/limiter.js';
import { groupByLb, inSession, sendAll, verify, type ApplyDeps } from './apply.js';
import type { ApplyReport, LbOutcome, Plan } from './types.js';

/**
 * LBs written at once: as many as are polled at once (fleet-runtime.ts), so a node drain over 50 LBs costs about
 * one LB's round trips. With 16, 50 LBs went in four waves: measured 4× one LB's time over a 10 ms round trip
 * (bench/ssh-fleet.ts --delay-ms 5), against ~1.1× with all at once. The stop-at-first-failure rule then only holds
 * LBs back beyond this many; every LB that changed is still offered for rollback.
 */
export const DEFAULT_APPLY_CONCURRENCY = 64;

export interface FanoutOptions {
  concurrency?: number;
  /** Called as each LB finishes, for a live report. */
  onOutcome?(outcome: LbOutcome): void;
}

export async function applyPlanFanout(plan: Plan, deps: ApplyDeps, options: FanoutOptions = {}): Promise<ApplyReport> {
  const limiter = new Limiter(options.concurrency ?? DEFAULT_APPLY_CONCURRENCY);
  const groups = [...groupByLb(plan.commands)];
  const changed = new Set<string>();
  let failed = false;
  const outcomes = await Promise.all(
    groups.map(([lb, commands]) =>
      limiter.run(async (): Promise<LbOutcome> => {
        const outcome = await applyOne(lb);
        options.onOutcome?.(outcome);
        return outcome;

        async function applyOne(name: string): Promise<LbOutcome> {
          if (failed) return { lb: name, status: 'skipped', detail: 'not attempted: another LB failed' };
          const result = await inSession(name, deps, (d) => sendAll(name, commands, plan.id, d));
          if (result.replies.length > 0) changed.add(name);
          if (result.error !== null) {
            failed = true;
            return { lb: name, status: 'failed', replies: result.replies, error: result.error };
          }
          changed.add(name);
          const problem = await inSession(name, deps, (d) => verify(name, commands, d));
          return problem === null
            ? { lb: name, status: 'verified', replies: result.replies }
            : { lb: name, status: 'applied-unverified', replies: result.replies, detail: problem };
        }
      }),
    ),
  );
  const rollbackOffered = failed ? groups.map(([lb]) => lb).filter((lb) => changed.has(lb)) : [];
  return { plan, outcomes, ok: !failed && outcomes.every((o) => o.status === 'verified'), rollbackOffered };
}

/** The rollback of a fan-out report, itself fanned out. */
export function rollbackFanout(report: ApplyReport, deps: ApplyDeps, options: FanoutOptions = {}): Promise<ApplyReport> {
  const lbs = new Set(report.rollbackOffered);
  const commands = report.plan.rollback.filter((c) => lbs.has(c.lb));
  const plan: Plan = { ...report.plan, id: `${report.plan.id}-rollback`, title: `roll back: ${report.plan.title}`, commands, rollback: [] };
  return applyPlanFanout(plan, deps, options);
}
