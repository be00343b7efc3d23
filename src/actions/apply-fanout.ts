// Applying one plan to many LBs at once (node drain across a fleet): LBs in parallel through a bounded pool,
// so 50 LBs cost about what one does. Within an LB, commands go in order and are verified like applyPlan's
// (the same applyLb). The house rule "stop at the first failure" holds for what has not started: once an LB
// fails or is unknown, no new LB is begun (they are reported skipped) and every LB that changed, or may have, is
// offered for rollback, host by host.
import { Limiter } from '../store/limiter.js';
import { admit, applyLb, groupByLb, reportOf, rollbackPlan, type ApplyDeps } from './apply.js';
import type { ApplyReport, LbOutcome, Plan } from './types.js';
import { recordPlan } from './audit-plan.js';

/**
 * LBs written at once: as many as are polled at once (DEFAULT_POLL_CONCURRENCY in fleet-runtime.ts), so a node
 * drain over a fleet costs about one LB's round trips. With 16, 50 LBs went in four waves: measured 4× one LB's
 * time over a 10 ms round trip (bench/ssh-fleet.ts --delay-ms 5), against ~1.1× with all at once; with 64, seed
 * 003's 500 LBs went in 8 waves. The stop-at-first-failure rule then only holds LBs back beyond this many; every
 * LB that changed is still offered for rollback.
 */
export const DEFAULT_APPLY_CONCURRENCY = 512;

export interface FanoutOptions {
  concurrency?: number;
  /** Called as each LB finishes, for a live report. */
  onOutcome?(outcome: LbOutcome): void;
}

export async function applyPlanFanout(plan: Plan, deps: ApplyDeps, options: FanoutOptions = {}): Promise<ApplyReport> {
  admit(plan, deps);
  recordPlan(deps.audit, plan);
  const limiter = new Limiter(options.concurrency ?? DEFAULT_APPLY_CONCURRENCY);
  const groups = [...groupByLb(plan.commands)];
  const touched = new Set<string>();
  let stop = false;
  const outcomes = await Promise.all(
    groups.map(([lb, commands]) =>
      limiter.run(async (): Promise<LbOutcome> => {
        let outcome: LbOutcome;
        if (stop) outcome = { lb, status: 'skipped', detail: 'not attempted: another LB failed or is unknown' };
        else {
          const done = await applyLb(lb, commands, plan, deps);
          if (done.touched) touched.add(lb);
          if (done.outcome.status === 'failed' || done.outcome.status === 'unknown') stop = true;
          outcome = done.outcome;
        }
        options.onOutcome?.(outcome);
        return outcome;
      }),
    ),
  );
  return reportOf(plan, outcomes, groups.map(([lb]) => lb).filter((lb) => touched.has(lb)));
}

/** The rollback of a fan-out report, itself fanned out. */
export function rollbackFanout(report: ApplyReport, deps: ApplyDeps, options: FanoutOptions = {}): Promise<ApplyReport> {
  return applyPlanFanout(rollbackPlan(report), deps, options);
}
