// Reads one key of one table on each LB in scope, for the clear plan: the LBs asked for, else every configured LB
// (those without the table say so and are left out of the plan).
import { CommandRejectedError } from '../../model/errors.js';
import type { RuntimeApi } from '../../sources/haproxy/client.js';
import { readTable } from '../../sources/haproxy/tables/read-tables.js';
import type { KeyReading } from './clear-plan.js';

export async function readKeyOnLbs(clients: ReadonlyMap<string, RuntimeApi>, lbs: readonly string[], table: string, key: string): Promise<KeyReading[]> {
  return Promise.all(
    lbs.map(async (lb): Promise<KeyReading> => {
      const api = clients.get(lb);
      if (!api) return { lb, kind: 'error', error: 'no connection configured' };
      try {
        const { dump } = await readTable(api, table, { key });
        const entry = dump?.entries[0];
        return entry ? { lb, kind: 'entry', entry } : { lb, kind: 'absent' };
      } catch (error) {
        if (error instanceof CommandRejectedError && /No such table/.test(error.reply)) return { lb, kind: 'no-table' };
        if (error instanceof CommandRejectedError) return { lb, kind: 'refused', error: error.message };
        return { lb, kind: 'error', error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
