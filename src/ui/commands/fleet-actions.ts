// Fleet-wide keys: N drains the node of the selected server row on every LB and backend (the `:node NAME` jump
// command does the same by name), S writes an incident snapshot. Each says why when it cannot act.
import type { Plan } from '../../actions/types.js';
import type { Fleet } from '../../model/fleet.js';
import type { Handler } from '../hooks/useCommands.js';
import type { TableRow } from '../rows/types.js';
import type { AppServices } from '../services.js';

export interface FleetActionContext {
  services: AppServices;
  fleet: Fleet;
  row: TableRow | undefined;
  preview(plan: Plan): void;
  flash(text: string, level: 'info' | 'ok' | 'error'): void;
}

/** Opens the node preview for `node` (a server name or address), or flashes why not. */
export function previewNode(ctx: Omit<FleetActionContext, 'row'>, node: string, action: 'drain' | 'maint' | 'ready' = 'drain'): void {
  if (!ctx.services.planNode) return ctx.flash('node actions are not available here', 'error');
  // `:node NAME` is a prompt, not a key: it must say no in read-only mode itself (the keymap hides only keys).
  if (ctx.services.readOnly) return ctx.flash(`READ-ONLY: node ${action} is disabled (lbtop -n)`, 'error');
  try {
    const plan = ctx.services.planNode(ctx.fleet, { node, action });
    if (plan.changes.length === 0 && (plan.unreachable ?? []).length === 0) return ctx.flash(plan.warnings[0] ?? `nothing to ${action} for ${node}`, 'error');
    ctx.preview(plan);
  } catch (error) {
    ctx.flash(`cannot plan this: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

export function fleetActionHandlers(ctx: FleetActionContext): Record<string, Handler> {
  const row = ctx.row;
  const node = row && (row.kind === 'server' || row.kind === 'sublb') ? row.server : undefined;
  return {
    'node.drain': {
      disabled: () => (!ctx.services.planNode ? 'node actions are not available here' : node ? null : 'select a server row first (or type :node NAME)'),
      run: () => node && previewNode(ctx, node, 'drain'),
    },
    'app.snapshot': {
      disabled: () => (ctx.services.snapshot ? null : 'snapshots are not available here'),
      run: () => {
        ctx.flash('writing the snapshot…', 'info');
        ctx.services.snapshot!().then(
          (file) => ctx.flash(`snapshot written: ${file} (+ .txt)`, 'ok'),
          (error: unknown) => ctx.flash(`snapshot failed: ${error instanceof Error ? error.message : String(error)}`, 'error'),
        );
      },
    },
  };
}
