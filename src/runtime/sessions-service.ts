// The sessions feature over the fleet, for the SESSIONS and CAPTURES panels, the drain view's `x` and `lbtop
// sessions|errors` alike: sessions read on every LB in parallel with the commands its HAProxy version offers,
// plans that end sessions made from a fresh read, and their apply through the one write path. Reached through the
// fleet's runtime clients (hosts.ts: read-only gated).
import { applyPlan } from '../actions/apply.js';
import type { AuditLog } from '../actions/audit-log.js';
import { readFleetErrors } from '../actions/errors-read.js';
import { mergeSessionPlans, planSessionKill, type SessionKillTarget } from '../actions/session-kill.js';
import { readFleetSessions } from '../actions/session-read.js';
import type { ApplyReport, Plan } from '../actions/types.js';
import type { SessionFilter } from '../model/sessions.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import type { SessionServices } from '../ui/panels/sessions/sessions-services.js';
import type { FleetRuntime } from './fleet-core.js';
import { fleetVersions, type FleetVersions } from './fleet-versions.js';
import type { Hosts } from './hosts.js';

export interface SessionsService extends SessionServices {
  /** Every configured LB, in config order: the scope when none is named. */
  readonly lbs: readonly string[];
  /** Sends a plan that ends sessions (audit, verify by reading show sess again). */
  apply(plan: Plan): Promise<ApplyReport>;
}

export interface SessionsReach {
  clients: ReadonlyMap<string, RuntimeApi>;
  lbs: readonly string[];
  versions: Pick<FleetVersions, 'of'> & Partial<Pick<FleetVersions, 'known'>>;
  audit: AuditLog;
}

export function createSessionsService(hosts: Pick<Hosts, 'config'>, fleet: Pick<FleetRuntime, 'clients' | 'store' | 'refresh'>, audit: AuditLog): SessionsService {
  return sessionsOver({ clients: fleet.clients, lbs: hosts.config.lbs.map((lb) => lb.name), versions: fleetVersions(fleet), audit });
}

/** The service over given clients (the demo's recording, tests of the panels alone). */
export function sessionsOver(reach: SessionsReach): SessionsService {
  const { clients, versions } = reach;
  const all = reach.lbs;
  // The version decides the show sess filters: known before the read.
  const read = async (filter: SessionFilter, lbs: readonly string[]) => {
    await versions.known?.(lbs);
    return readFleetSessions({ clients, versionOf: versions.of }, lbs, filter);
  };
  const plan = async (target: SessionKillTarget, lbs?: readonly string[]) => planSessionKill(await read(target, lbs ?? all), target);
  return {
    lbs: all,
    read: (filter, lbs) => read(filter, lbs ?? all),
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
    errors: (lbs) => readFleetErrors(clients, lbs ?? all),
    apply: (p) => applyPlan(p, { clients, audit: reach.audit }),
  };
}
