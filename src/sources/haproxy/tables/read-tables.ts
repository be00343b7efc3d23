// Reading stick tables and peers from one LB's runtime API: the list, one table (optionally one key, or filtered
// by HAProxy with the data name its version takes: filter.ts), and `show peers`. Pure of any UI; the subcommands,
// the TABLES panel and the clear plan read through these.
import { CommandRejectedError } from '../../../model/errors.js';
import type { PeersSection, StickTableDump, StickTableInfo } from '../../../model/tables.js';
import type { RuntimeApi } from '../client.js';
import { buildCommand } from '../command.js';
import { filterCandidates, filterWords, matchesFilter, type TableFilter } from './filter.js';
import { parsePeers } from './parse-peers.js';
import { parseTableDump, parseTableList } from './parse-table.js';

export interface TableRead {
  /** Null: HAProxy printed nothing (a key the table does not hold). */
  dump: StickTableDump | null;
  /** The command sent last (with the filter words HAProxy took), for the preview and --json. */
  command: string;
  /** True when lbtop filtered the entries itself (no data name of this version expresses the column). */
  filteredByLbtop: boolean;
}

export async function readTableList(api: RuntimeApi): Promise<StickTableInfo[]> {
  return parseTableList(await api.send('show table'));
}

export async function readPeers(api: RuntimeApi): Promise<PeersSection[]> {
  return parsePeers(await api.send('show peers'));
}

const NOT_STORED = /Data type not stored|Unknown data type/;

/** `show table NAME [key K | data.X op V]`; with both a key and a filter, the key goes to HAProxy, the filter is lbtop's. */
export async function readTable(api: RuntimeApi, name: string, options: { key?: string; filter?: TableFilter; version?: string | null } = {}): Promise<TableRead> {
  const { key, filter } = options;
  const send = async (words: string[]) => {
    const command = buildCommand('show', 'table', name, ...words);
    return { command, dump: parseTableDump(await api.send(command), command) };
  };
  const local = (read: { command: string; dump: StickTableDump | null }): TableRead => ({
    ...read,
    dump: read.dump && filter ? { ...read.dump, entries: read.dump.entries.filter((e) => matchesFilter(e, filter)) } : read.dump,
    filteredByLbtop: filter !== undefined,
  });
  if (key !== undefined) return local(await send(['key', key]));
  if (!filter) return { ...(await send([])), filteredByLbtop: false };
  let last: unknown = null;
  for (const candidate of filterCandidates(filter.column, options.version ?? null)) {
    try {
      return { ...(await send(filterWords(candidate, filter))), filteredByLbtop: false };
    } catch (error) {
      // The next candidate when this one is not a type the table stores (legacy gpc0 vs the gpc array's element 0).
      if (!(error instanceof CommandRejectedError && NOT_STORED.test(error.reply))) throw error;
      last = error;
    }
  }
  // No data name of this version expresses the column (an array element past 0 before 3.2, or the legacy name of
  // an array element): lbtop filters the whole dump, unless the column is in no entry at all (HAProxy was right).
  const whole = await send([]);
  const column = filter.column.replace(/\(\d+\)$/, '');
  const present = (whole.dump?.entries ?? []).some((e) => e.data.some((d) => d.name === column || d.column === filter.column));
  if (last && !present && (whole.dump?.entries.length ?? 0) > 0) throw last;
  return local(whole);
}
