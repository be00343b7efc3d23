// The keys of lbtop.yaml's `commands:` (bound at start, src/keymap/user-keys.ts): each one makes its exact argv
// from the selection, previews it in the one write dialog when `confirm` (the default), or runs it at once and
// opens the OUTPUT panel. A command the selection cannot feed says which value is missing, in the flash line.
import { invoke, resultLine } from '../../actions/user-command.js';
import { userCommandPlan } from '../../actions/user-command-plan.js';
import type { Plan } from '../../actions/types.js';
import type { VipRow } from '../../model/failover-state.js';
import type { Fleet } from '../../model/fleet.js';
import type { UserCommand, UserValues } from '../../model/user-command.js';
import { userCommandId } from '../../keymap/user-keys.js';
import type { Handlers } from '../hooks/useCommands.js';
import type { TableRow } from '../rows/types.js';
import type { AppServices } from '../services.js';
import { rowValues, vipValues } from './user-values.js';

export interface UserCommandContext {
  services: AppServices;
  fleet: Fleet;
  row: TableRow | undefined;
  /** The LB `a` narrowed the write keys to, or null. */
  targetLb: string | null;
  vip: VipRow | undefined;
  preview(plan: Plan): void;
  showOutput(): void;
  flash(text: string, level: 'info' | 'ok' | 'error'): void;
}

function valuesFor(ctx: UserCommandContext, command: UserCommand): UserValues | { why: string } {
  return command.scope === 'vip' ? vipValues(ctx.vip) : rowValues(ctx.fleet, ctx.row, ctx.targetLb, command.scope);
}

/** What pressing the command's key would run now, or why it cannot. */
type Prepared = { why: string } | { run: Extract<ReturnType<typeof invoke>, { ok: true }>; lb: string | null };

function prepare(ctx: UserCommandContext, command: UserCommand): Prepared {
  const values = valuesFor(ctx, command);
  if ('why' in values) return { why: `${command.name}: ${values.why}` };
  const run = invoke(command, values);
  if (!run.ok) return { why: run.why };
  if (command.where === 'lb' && !values.LB) return { why: `${command.name} runs on an LB's host and this row is on several LBs: a picks one LB, e shows a row per LB` };
  return { run, lb: values.LB ?? null };
}

export function userCommandHandlers(ctx: UserCommandContext): Handlers {
  const runtime = ctx.services.userCommands;
  if (!runtime) return {};
  const handlers: Handlers = {};
  for (const command of runtime.commands) {
    if (command.key === undefined) continue;
    handlers[userCommandId(command.name)] = {
      disabled: () => {
        const p = prepare(ctx, command);
        return 'why' in p ? p.why : null;
      },
      run: () => {
        const p = prepare(ctx, command);
        if ('why' in p) return;
        if (command.confirm) return ctx.preview(userCommandPlan(p.run, p.lb));
        ctx.showOutput();
        void runtime.run(p.run, p.lb).then((r) => ctx.flash(resultLine(r), r.outcome === 'done' ? 'ok' : 'error'));
      },
    };
  }
  return handlers;
}
