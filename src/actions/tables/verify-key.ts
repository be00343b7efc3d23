// After `clear table T key K`: read the key again. An empty reply says HAProxy took the command; that the key is
// gone is what the operator asked for, and a peer may have pushed it back meanwhile (peers carry updates, never
// deletions), so the proof is that `show table T key K` prints nothing. (An entry a session still tracks is
// refused outright: "Entry currently in use, cannot remove", 2.6 and 3.0 alike, tables-live.test.ts.)
import type { RuntimeApi } from '../../sources/haproxy/client.js';
import { readTable } from '../../sources/haproxy/tables/read-tables.js';

export async function verifyTableKey(client: RuntimeApi, target: { table: string; key: string }, timeoutMs?: number): Promise<string[]> {
  const timed: RuntimeApi = timeoutMs === undefined ? client : { ...client, label: client.label, send: (line: string) => client.send(line, timeoutMs) };
  try {
    const { dump } = await readTable(timed, target.table, { key: target.key });
    const entry = dump?.entries[0];
    if (!entry) return [];
    return [`${target.table} key ${target.key} is still there (use=${entry.use}${entry.use > 0 ? ': a session tracks it' : ''})`];
  } catch (error) {
    return [`could not verify ${target.table} key ${target.key}: ${error instanceof Error ? error.message : String(error)}`];
  }
}
