// The stick tables feature over the fleet, for the TABLES panel and `lbtop tables|peers` alike: every LB's tables
// and peers, one table's entries (filtered with the data name each LB's version takes), the clear of one key as a
// Plan and its apply through the one write path. Reached through the fleet's runtime clients (hosts.ts:
// read-only gated); the version from the LB's last poll.
import { applyPlan } from '../actions/apply.js';
import type { AuditLog } from '../actions/audit-log.js';
import { planTableClear } from '../actions/tables/clear-plan.js';
import { readKeyOnLbs } from '../actions/tables/read-key.js';
import { readPeersOnLbs } from '../actions/tables/read-peers.js';
import type { ApplyReport, Plan } from '../actions/types.js';
import { CommandRejectedError } from '../model/errors.js';
import type { PeersReading, StickTableInfo } from '../model/tables.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import type { TableFilter } from '../sources/haproxy/tables/filter.js';
import { readTable, readTableList, type TableRead } from '../sources/haproxy/tables/read-tables.js';
import type { LbEntries, TablesServices } from '../ui/panels/tables/tables-services.js';
import type { FleetRuntime } from './fleet-core.js';
import { fleetVersions } from './fleet-versions.js';
import type { Hosts } from './hosts.js';

export type LbResult<T> = { lb: string; value: T } | { lb: string; error: string };

export interface TablesService extends TablesServices {
  /** Every configured LB, in order: the scope when none is named. */
  readonly lbs: readonly string[];
  lists(lbs?: readonly string[]): Promise<LbResult<StickTableInfo[]>[]>;
  peers(lbs?: readonly string[]): Promise<PeersReading[]>;
  /** One table on each LB: null where the LB has no table of that name. */
  read(table: string, options?: { key?: string; filter?: TableFilter; lbs?: readonly string[] }): Promise<LbResult<TableRead | null>[]>;
  /** The clear of `key` on every LB that has the table, or on `lbs` (named: an LB without the table is warned of). */
  planClear(table: string, key: string, lbs?: readonly string[]): Promise<Plan>;
  apply(plan: Plan): Promise<ApplyReport>;
}

export interface TablesReach {
  clients: ReadonlyMap<string, RuntimeApi>;
  lbs: readonly string[];
  /** The version the LB runs ("3.0.11"), null when unknown: for a filter's data names. */
  version(lb: string): Promise<string | null> | string | null;
  audit: AuditLog;
}

export function createTablesService(hosts: Pick<Hosts, 'config'>, fleet: Pick<FleetRuntime, 'clients' | 'store' | 'refresh'>, audit: AuditLog): TablesService {
  const versions = fleetVersions(fleet);
  const version = async (lb: string) => {
    await versions.known([lb]);
    return versions.of(lb);
  };
  return tablesOver({ clients: fleet.clients, lbs: hosts.config.lbs.map((lb) => lb.name), version, audit });
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The service over given clients (the demo's recording, tests of the panel alone). */
export function tablesOver(reach: TablesReach): TablesService {
  const { clients } = reach;
  const all = reach.lbs;
  const perLb = <T>(lbs: readonly string[], read: (api: RuntimeApi, lb: string) => Promise<T>): Promise<LbResult<T>[]> =>
    Promise.all(lbs.map(async (lb) => {
      const api = clients.get(lb);
      if (!api) return { lb, error: 'no HAProxy runtime API configured' };
      try {
        return { lb, value: await read(api, lb) };
      } catch (error) {
        return { lb, error: message(error) };
      }
    }));
  const lists = (lbs: readonly string[] = all) => perLb(lbs, (api) => readTableList(api));
  const peers = (lbs: readonly string[] = all) => readPeersOnLbs(clients, lbs);
  const read: TablesService['read'] = (table, { key, filter, lbs = all } = {}) =>
    perLb(lbs, async (api, lb): Promise<TableRead | null> => {
      try {
        return await readTable(api, table, { ...(key !== undefined ? { key } : {}), ...(filter ? { filter } : {}), version: filter ? await reach.version(lb) : null });
      } catch (error) {
        if (error instanceof CommandRejectedError && /No such table/.test(error.reply)) return null;
        throw error;
      }
    });
  return {
    lbs: all,
    lists,
    peers,
    read,
    overview: async () => {
      const [listed, peered] = await Promise.all([lists(), peers()]);
      return { lists: listed.map((r) => ('error' in r ? r : { lb: r.lb, tables: r.value })), peers: peered };
    },
    entries: async (table, filter) =>
      (await read(table, filter ? { filter } : {})).map((r): LbEntries =>
        'error' in r ? { lb: r.lb, dump: null, error: r.error } : r.value === null ? { lb: r.lb, dump: null } : { lb: r.lb, dump: r.value.dump, command: r.value.command, filteredByLbtop: r.value.filteredByLbtop }),
    planClear: async (table, key, lbs) => planTableClear(table, key, await readKeyOnLbs(clients, lbs && lbs.length > 0 ? lbs : all, table, key), lbs ? [...lbs] : []),
    apply: (plan) => applyPlan(plan, { clients, audit: reach.audit }),
  };
}
