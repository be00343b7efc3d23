// A user command in the one write dialog: the Plan its preview shows (kind 'user-command', its exact line as the
// one command) and the report of its run, whose output the OUTPUT panel shows rather than a report dialog.
import type { ApplyReport, Plan } from './types.js';
import { resultLine, type UserInvocation, type UserRunResult } from './user-command.js';

/** The plan the one dialog previews for a command with `confirm: true`: its exact line, where it runs. */
export function userCommandPlan(run: Extract<UserInvocation, { ok: true }>, lb: string | null): Plan {
  const where = run.command.where === 'lb' ? (lb ?? '?') : 'local';
  return {
    preview: 'servers',
    id: `user-${run.command.name}-${Date.now()}`,
    title: `run ${run.command.name}${run.command.where === 'lb' ? ` on ${where}'s host` : ' here'}`,
    kind: 'user-command',
    changes: [],
    commands: [{ lb: where, command: run.line }],
    rollback: [],
    warnings: [
      ...(run.command.dangerous ? ['a user command: lbtop cannot verify or undo what it does'] : []),
      ...(run.command.shell ? [`runs through sh -c, with ${Object.keys(run.values).map((k) => `$${k}`).join(', ') || 'no values'} in its environment`] : []),
    ],
    user: { invocation: run, lb },
  };
}

/** The report of a user command run from its preview (the OUTPUT panel shows the output itself). */
export function userCommandReport(plan: Plan, run: UserRunResult): ApplyReport {
  const lb = plan.commands[0]?.lb ?? 'local';
  const outcome = run.outcome === 'done'
    ? { lb, status: 'verified' as const, replies: [resultLine(run)] }
    : { lb, status: 'failed' as const, replies: [], error: resultLine(run) };
  return { plan, outcomes: [outcome], ok: run.outcome === 'done', rollbackOffered: [], leftOut: [], hooks: [run] };
}
