// A node drain with the operator's hooks around it (lbtop.yaml `on: {node-drain: before|after}`), for the TUI's N
// and `lbtop node drain` alike: the before-hooks run first and a failure holds the drain back (nothing is sent;
// the operator may go on knowingly), the after-hooks run once the drain was verified on every LB, and every
// hook's outcome is in the report.
import { heldReport, hookFailed, hookLines, nodeHookValues } from '../actions/node-hooks.js';
import type { ApplyReport, Plan } from '../actions/types.js';
import { runNodeHooks, type UserCommandRuntime } from './user-command-runtime.js';

const hasHooks = (hooks: UserCommandRuntime | undefined, plan: Plan): hooks is UserCommandRuntime =>
  hooks !== undefined && plan.node?.action === 'drain' && hooks.commands.some((c) => c.nodeDrain !== undefined);

/** The plan with the hooks it will run listed for the preview. */
export function withHookLines(plan: Plan, hooks: UserCommandRuntime | undefined): Plan {
  return hasHooks(hooks, plan) && plan.commands.length > 0 ? { ...plan, hooks: hookLines(hooks.commands, plan) } : plan;
}

/** `send` writes the drain (record, fan-out); it runs only when the before-hooks passed or the operator went on. */
export async function drainWithHooks(plan: Plan, hooks: UserCommandRuntime | undefined, send: () => Promise<ApplyReport>): Promise<ApplyReport> {
  if (!hasHooks(hooks, plan)) return send();
  const values = nodeHookValues(plan);
  const lbs = [...new Set(plan.commands.map((c) => c.lb))];
  const before = plan.hooksRun ?? (await runNodeHooks(hooks, 'before', values, lbs));
  if (plan.hooksRun === undefined && before.some(hookFailed)) return heldReport(plan, before);
  const report = await send();
  const after = report.ok ? await runNodeHooks(hooks, 'after', values, lbs) : [];
  return { ...report, hooks: [...before, ...after] };
}
