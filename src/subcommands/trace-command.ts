// `lbtop trace HOST[:PORT][/PATH]`: the request traced on each LB, as text or JSON. Exit 0: every LB traced and
// they agree; 1: the LBs disagree; 2: an LB could not be traced.
import type { MapsDeps } from '../actions/maps/deps.js';
import { traceOnLbs, traceRequestOf } from '../actions/trace-read.js';
import { formatFleetTrace } from '../actions/trace-text.js';
import type { TraceInvocation } from '../cli/trace-args.js';

export async function runTraceCommand(deps: MapsDeps, inv: TraceInvocation, io: { out(text: string): void }): Promise<number> {
  const t = await traceOnLbs(deps, traceRequestOf(inv.target, inv.sni), { only: inv.lbs, ...(inv.frontend ? { frontend: inv.frontend } : {}) });
  io.out(inv.json ? `${JSON.stringify(t, null, 2)}\n` : `${formatFleetTrace(t, !inv.brief)}\n`);
  return t.lbs.some((l) => l.error) ? 2 : t.differs.length > 0 ? 1 : 0;
}
