// The write keys on the selected row: d/m/r, F4–F10. Each builds a plan (nothing is sent) and opens the
// preview; each says why when it cannot act (lazygit's GetDisabledReason).
import type { Plan } from '../../../actions/types.js';
import type { Fleet } from '../../../model/fleet.js';
import type { AdminTarget } from '../../../model/haproxy.js';
import type { TableRow } from '../../rows/types.js';
import type { AppServices, ServerTarget, WeightRequest } from '../../services.js';
import type { Handler } from '../../hooks/useCommands.js';

export interface ServerActionContext {
  services: AppServices;
  fleet: Fleet;
  row: TableRow | undefined;
  /** LB chosen with `a`; null = every LB that has the server. */
  scope: string | null;
  preview(plan: Plan): void;
  flash(text: string, level: 'error'): void;
}

/** The server and LBs a write key would act on, or why there is none. */
export function targetOf(row: TableRow | undefined, scope: string | null): ServerTarget | string {
  if (!row) return 'no row selected';
  if (row.kind !== 'server' && row.kind !== 'sublb') return `select a server row first (this is a ${row.kind} row)`;
  const onLbs = row.stats.map((s) => s.lb);
  // A per-LB sub-row acts on its own LB only, whatever the scope.
  if (row.kind === 'sublb') return { backend: row.backend!, server: row.server!, lbs: [row.lb!] };
  if (scope !== null) {
    if (!onLbs.includes(scope)) return `${row.ref} is not on ${scope} (a changes the target LBs)`;
    return { backend: row.backend!, server: row.server!, lbs: [scope] };
  }
  return { backend: row.backend!, server: row.server!, lbs: onLbs };
}

type ServerCommand = 'server.drain' | 'server.maint' | 'server.ready' | `server.weight.${'restore' | 'dec10' | 'dec1' | 'inc1' | 'inc10'}`;

export function serverActionHandlers(ctx: ServerActionContext): Record<ServerCommand, Handler> {
  const target = targetOf(ctx.row, ctx.scope);
  const disabled = () => (typeof target === 'string' ? target : null);
  const plan = (build: (t: ServerTarget) => Plan) => () => {
    if (typeof target === 'string') return;
    try {
      ctx.preview(build(target));
    } catch (error) {
      ctx.flash(`cannot plan this: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  };
  const admin = (a: AdminTarget): Handler => ({ disabled, run: plan((t) => ctx.services.planServerAdmin(ctx.fleet, t, a)) });
  const weight = (w: WeightRequest): Handler => ({ disabled, run: plan((t) => ctx.services.planServerWeight(ctx.fleet, t, w)) });
  return {
    'server.drain': admin('drain'),
    'server.maint': admin('maint'),
    'server.ready': admin('ready'),
    'server.weight.restore': weight('restore'),
    'server.weight.dec10': weight({ delta: -10 }),
    'server.weight.dec1': weight({ delta: -1 }),
    'server.weight.inc1': weight({ delta: 1 }),
    'server.weight.inc10': weight({ delta: 10 }),
  };
}
