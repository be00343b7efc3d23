// The TABLES panel's services over the running fleet: reads through the fleet's runtime clients (read-only
// gated like every other client), the LB's version from the last poll for the filter's data names.
import { planTableClear } from '../actions/tables/clear-plan.js';
import { readKeyOnLbs } from '../actions/tables/read-key.js';
import { readPeersOnLbs } from '../actions/tables/read-peers.js';
import { CommandRejectedError } from '../model/errors.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { readTable, readTableList } from '../sources/haproxy/tables/read-tables.js';
import type { LbEntries, TablesServices } from '../ui/panels/tables/tables-services.js';

export interface TablesUiDeps {
  clients: ReadonlyMap<string, RuntimeApi>;
  lbs: readonly string[];
  /** The version the LB's last poll read ("3.0.11"), null when not read yet. */
  version(lb: string): string | null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createTablesServices(deps: TablesUiDeps): TablesServices {
  const { clients, lbs } = deps;
  const api = (lb: string) => {
    const client = clients.get(lb);
    if (!client) throw new Error('no HAProxy runtime API configured');
    return client;
  };
  return {
    overview: async () => {
      const [lists, peers] = await Promise.all([
        Promise.all(lbs.map(async (lb) => {
          try {
            return { lb, tables: await readTableList(api(lb)) };
          } catch (error) {
            return { lb, error: message(error) };
          }
        })),
        readPeersOnLbs(clients, lbs),
      ]);
      return { lists, peers };
    },
    entries: (table, filter) =>
      Promise.all(lbs.map(async (lb): Promise<LbEntries> => {
        try {
          const read = await readTable(api(lb), table, { ...(filter ? { filter } : {}), version: deps.version(lb) });
          return { lb, dump: read.dump, command: read.command, filteredByLbtop: read.filteredByLbtop };
        } catch (error) {
          if (error instanceof CommandRejectedError && /No such table/.test(error.reply)) return { lb, dump: null };
          return { lb, dump: null, error: message(error) };
        }
      })),
    planClear: async (table, key) => planTableClear(table, key, await readKeyOnLbs(clients, lbs, table, key)),
  };
}
