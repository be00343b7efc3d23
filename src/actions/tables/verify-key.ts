// After `clear table T key K`: read the key again. HAProxy answers a clear with an empty line whether or not it
// removed anything (stick_table.c table_process_entry: an entry a session still tracks, ref_cnt > 0, is left in
// place silently), so the only proof is that `show table T key K` prints nothing.
import type { RuntimeApi } from '../../sources/haproxy/client.js';
import { readTable } from '../../sources/haproxy/tables/read-tables.js';

export async function verifyTableKey(client: RuntimeApi, target: { table: string; key: string }, timeoutMs?: number): Promise<string[]> {
  const timed: RuntimeApi = timeoutMs === undefined ? client : { ...client, label: client.label, send: (line: string) => client.send(line, timeoutMs) };
  try {
    const { dump } = await readTable(timed, target.table, { key: target.key });
    const entry = dump?.entries[0];
    if (!entry) return [];
    return [`${target.table} key ${target.key} is still there (use=${entry.use}${entry.use > 0 ? ': a session tracks it, HAProxy does not clear a tracked entry' : ''})`];
  } catch (error) {
    return [`could not verify ${target.table} key ${target.key}: ${error instanceof Error ? error.message : String(error)}`];
  }
}
