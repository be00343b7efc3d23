// User commands tied to a node drain (`on: {node-drain: before|after}`, e.g. `kubectl cordon $NODE`): the values
// they get from the drain's plan, what the preview says about them, and the report of a drain a failed
// before-hook held back. Running them is the runtime's (runtime/user-command-runtime.ts runNodeHooks).
import type { UserCommand, UserValues } from '../model/user-command.js';
import type { ApplyReport, Plan } from './types.js';
import { resultLine, type UserRunResult } from './user-command.js';

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

/**
 * $NODE is the node's name: what the operator asked for when it is a name (`lbtop node drain worker1`), else the
 * one server name carried at that machine (N on a row of `worker1` at 10.0.0.94). $ADDRESS is the machine.
 */
export function nodeHookValues(plan: Plan): UserValues {
  const meta = plan.node;
  if (!meta) return {};
  const names = [...new Set(plan.changes.map((c) => c.server))];
  const asked = meta.asked ?? meta.name;
  const node = !IP.test(asked) ? asked : names.length === 1 ? names[0] : undefined;
  return { ...(node ? { NODE: node } : {}), ...(IP.test(meta.name) ? { ADDRESS: meta.name } : {}) };
}

/** The hooks a node drain plan will run, for the preview: "before: cordon (kubectl cordon worker1)". */
export function hookLines(commands: readonly UserCommand[], plan: Plan): string[] {
  if (plan.node?.action !== 'drain') return [];
  return commands
    .filter((c) => c.nodeDrain !== undefined)
    .map((c) => `${c.nodeDrain}: ${c.name} (${c.shell ? c.command[0] : c.command.join(' ')}, ${c.where === 'lb' ? "on each LB's host" : 'here'})${c.nodeDrain === 'before' ? ' — if it fails, nothing is sent' : ''}`);
}

export const hookFailed = (r: UserRunResult) => r.outcome !== 'done';

/** A drain held back by a failed before-hook: nothing was sent to any LB. */
export function heldReport(plan: Plan, before: UserRunResult[]): ApplyReport {
  const failed = before.filter(hookFailed).map((r) => r.name).join(', ');
  const lbs = [...new Set(plan.commands.map((c) => c.lb))];
  return {
    plan,
    outcomes: lbs.map((lb) => ({ lb, status: 'skipped', detail: `not sent: before-hook ${failed} failed` })),
    ok: false,
    rollbackOffered: [],
    leftOut: [],
    hooks: before,
    held: true,
  };
}

/** The preview opened again after a held drain: it says what failed and that y now sends the drain anyway. */
export function goOnPlan(report: ApplyReport): Plan {
  const failed = (report.hooks ?? []).filter(hookFailed);
  return {
    ...report.plan,
    hooksRun: report.hooks ?? [],
    warnings: [
      ...report.plan.warnings,
      ...failed.map((r) => `before-hook failed: ${resultLine(r)}${r.stderr.trim() ? ` — ${r.stderr.trim().split('\n')[0]}` : ''}`),
      'y sends the drain anyway (the hook does not run again); Esc sends nothing',
    ],
  };
}
