// The sessions of a backend or server on several LBs at once, for the SESSIONS view, `lbtop sessions` and the
// plans that end sessions: each LB read with the commands its version offers (sources/haproxy/sessions), in
// parallel, a failed LB reported as such rather than as "no sessions".
import type { HaproxySession, SessionFilter } from '../model/sessions.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { readSessions, type LbSessions } from '../sources/haproxy/sessions/read-sessions.js';

export type FleetSessions = { lb: string; read: LbSessions } | { lb: string; error: string };

export interface SessionReadDeps {
  clients: ReadonlyMap<string, RuntimeApi>;
  /** HAProxy's version per LB from the latest poll ("3.0.11-1+deb13u4"), or null before the first one. */
  versionOf(lb: string): string | null;
}

export function readFleetSessions(deps: SessionReadDeps, lbs: readonly string[], filter: SessionFilter): Promise<FleetSessions[]> {
  return Promise.all(
    lbs.map(async (lb): Promise<FleetSessions> => {
      const api = deps.clients.get(lb);
      if (!api) return { lb, error: `no connection configured for ${lb}` };
      try {
        return { lb, read: await readSessions(api, deps.versionOf(lb), filter) };
      } catch (error) {
        return { lb, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/** Every session read, with its LB, oldest first (the ones a stuck drain waits for). */
export function sessionRows(reads: readonly FleetSessions[]): (HaproxySession & { lb: string })[] {
  return reads
    .flatMap((r) => ('read' in r ? r.read.sessions.map((s) => ({ ...s, lb: r.lb })) : []))
    .sort((a, b) => (b.ageSec ?? -1) - (a.ageSec ?? -1) || a.lb.localeCompare(b.lb) || a.id.localeCompare(b.id));
}
