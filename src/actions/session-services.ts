// What the SESSIONS and CAPTURES panels and the drain progress view ask of lbtop (src/ui/panels/sessions), over
// the running fleet's clients: reads in parallel per LB, and plans made from a fresh read (never from what the
// panel showed seconds ago, so the preview lists the sessions that will really be cut).
import { readFleetErrors, type FleetErrors } from './errors-read.js';
import { mergeSessionPlans, planSessionKill, type SessionKillTarget } from './session-kill.js';
import { readFleetSessions, type FleetSessions, type SessionReadDeps } from './session-read.js';
import type { SessionFilter } from '../model/sessions.js';
import type { Plan } from './types.js';

export interface SessionServices {
  /** The sessions matching `filter` on every LB (or `lbs`). */
  read(filter: SessionFilter, lbs?: readonly string[]): Promise<FleetSessions[]>;
  /** A plan ending one session (`id`) or every session of a server, on `lbs` (default: every LB). */
  plan(target: SessionKillTarget, lbs?: readonly string[]): Promise<Plan>;
  /** Every session of each server on its LB (a stuck drain's leftovers), as one plan. */
  planServers(targets: readonly { lb: string; backend: string; server: string }[]): Promise<Plan>;
  errors(lbs?: readonly string[]): Promise<FleetErrors[]>;
}

export function createSessionServices(deps: SessionReadDeps, allLbs: () => readonly string[]): SessionServices {
  const plan = async (target: SessionKillTarget, lbs?: readonly string[]) => planSessionKill(await readFleetSessions(deps, lbs ?? allLbs(), target), target);
  return {
    read: (filter, lbs) => readFleetSessions(deps, lbs ?? allLbs(), filter),
    plan,
    planServers: async (targets) => {
      const byServer = new Map<string, { backend: string; server: string; lbs: string[] }>();
      for (const t of targets) {
        const key = `${t.backend}/${t.server}`;
        const entry = byServer.get(key) ?? { backend: t.backend, server: t.server, lbs: [] };
        if (!entry.lbs.includes(t.lb)) entry.lbs.push(t.lb);
        byServer.set(key, entry);
      }
      const plans = await Promise.all([...byServer.values()].map((s) => plan({ backend: s.backend, server: s.server }, s.lbs)));
      return mergeSessionPlans(plans, `end the sessions left on ${[...byServer.keys()].join(', ')}`);
    },
    errors: (lbs) => readFleetErrors(deps.clients, lbs ?? allLbs()),
  };
}
