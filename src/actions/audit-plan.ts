// The one record that says what an action was, written to the audit log before its first command: its title,
// kind, the commands with the state each expects after, and the recorded way back (each LB's prior state). The
// send/reply/outcome records say what happened; this one is what history shows as the action and what undo
// re-plans from (history-read.ts, undo-plan.ts). Written by applyPlan/applyPlanFanout and the map/ACL apply, so
// every path that changes a server state or a weight leaves it.
import type { AuditLog, AuditStep } from './audit-log.js';
import type { Plan, PlannedCommand } from './types.js';

const step = (c: PlannedCommand): AuditStep => ({ lb: c.lb, command: c.command, ...(c.expect !== undefined ? { expect: c.expect } : {}) });

/** The plan record of a runtime-API Plan; the LBs are those it sends to. */
export function recordPlan(audit: AuditLog, plan: Plan): void {
  const lbs = [...new Set(plan.commands.map((c) => c.lb))];
  audit.append({
    lb: lbs.join(','),
    command: plan.title,
    phase: 'plan',
    plan: plan.id,
    kind: plan.kind,
    steps: plan.commands.map(step),
    rollback: plan.rollback.map(step),
    ...(plan.node && plan.node.action !== 'ready' ? { nodeRecord: plan.node.name } : {}),
  });
}

/** The plan record of another kind of action (a map/ACL edit): no re-plannable way back, and why. */
export function recordOtherPlan(audit: AuditLog, record: { id: string; title: string; kind: string; lbs: readonly string[]; steps: AuditStep[]; undoNote: string }): void {
  audit.append({ lb: record.lbs.join(','), command: record.title, phase: 'plan', plan: record.id, kind: record.kind, steps: record.steps, undoNote: record.undoNote });
}
