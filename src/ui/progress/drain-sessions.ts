// `x` in the drain progress view: a drain past its timeout with sessions left ends them on the servers that still
// hold some (`shutdown sessions server` per LB and server), through a plan read fresh from `show sess`, previewed
// in the one dialog. Offered only once the wait is over: before that, the sessions may still finish on their own.
import type { Plan } from '../../actions/types.js';
import type { DrainFollow } from './useDrainProgress.js';
import type { AppServices } from '../services.js';

export function endSessionsRefusal(follow: DrainFollow, services: AppServices): string | null {
  if (!services.sessions) return 'ending sessions is not available here';
  if (follow.progress.done) return `${follow.node} is drained: no sessions left`;
  if (!follow.finished) return 'the drain is still within its timeout: sessions may still end on their own (x is offered after the timeout)';
  return heldBy(follow).length > 0 ? null : 'no server reports sessions left';
}

/** The drained servers that still hold sessions (or queued requests) in the latest reading. */
export function heldBy(follow: DrainFollow): { lb: string; backend: string; server: string }[] {
  return follow.progress.rows.filter((r) => (r.scur ?? 0) > 0).map(({ lb, backend, server }) => ({ lb, backend, server }));
}

export async function previewLeftSessions(follow: DrainFollow, services: AppServices, preview: (plan: Plan) => void, flash: (text: string, level: 'info' | 'error') => void): Promise<void> {
  try {
    preview(await services.sessions!.planServers(heldBy(follow)));
  } catch (error) {
    flash(`could not read the sessions left: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}
