// Plain text of the `lbtop tables` and `lbtop peers` reads (the TABLES panel draws the same data).
import { entrySummary } from '../actions/tables/entry-text.js';
import type { PeersReading, StickTableInfo } from '../model/tables.js';
import { peerRows, peersProblems, resyncFinished } from '../sources/haproxy/tables/peers-sync.js';
import type { TableRead } from '../sources/haproxy/tables/read-tables.js';

export type LbResult<T> = { lb: string; value: T } | { lb: string; error: string };

export function tableListText(results: readonly LbResult<StickTableInfo[]>[]): string {
  const lines = [`${'LB'.padEnd(14)} ${'TABLE'.padEnd(28)} ${'TYPE'.padEnd(8)} ${'USED'.padStart(8)} ${'SIZE'.padStart(9)}`];
  for (const r of results) {
    if ('error' in r) lines.push(`${r.lb.padEnd(14)} ERROR: ${r.error}`);
    else if (r.value.length === 0) lines.push(`${r.lb.padEnd(14)} (no stick table)`);
    else for (const t of r.value) lines.push(`${r.lb.padEnd(14)} ${t.name.padEnd(28)} ${t.type.padEnd(8)} ${String(t.used).padStart(8)} ${String(t.size).padStart(9)}`);
  }
  return lines.join('\n');
}

export function tableEntriesText(table: string, results: readonly LbResult<TableRead | null>[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if ('error' in r) {
      lines.push(`== ${r.lb}: ERROR: ${r.error}`);
      continue;
    }
    if (r.value === null) {
      lines.push(`== ${r.lb}: no table ${table}`);
      continue;
    }
    const { dump, command, filteredByLbtop } = r.value;
    const head = dump ? `${dump.table.type}, ${dump.table.used}/${dump.table.size} used` : 'no such key';
    lines.push(`== ${r.lb}: ${table} (${head})  # ${command}${filteredByLbtop ? ' (filtered by lbtop: no data name of this HAProxy version expresses that column)' : ''}`);
    for (const e of dump?.entries ?? []) lines.push(`  ${entrySummary(e)}`);
    if (dump?.hidden) lines.push('  (contents not dumped: the socket is not level operator or admin)');
  }
  return lines.join('\n');
}

export function peersText(readings: readonly PeersReading[]): string {
  const lines: string[] = [];
  for (const r of readings) {
    if ('error' in r) {
      lines.push(`== ${r.lb}: ERROR: ${r.error}`);
      continue;
    }
    const problems = peersProblems(r.sections);
    lines.push(`== ${r.lb}: ${r.sections.length === 0 ? 'no peers section' : problems.length ? 'NOT IN SYNC' : 'in sync'}`);
    for (const s of r.sections) lines.push(`  ${s.name}${s.disabled ? ' (disabled)' : ''}: resync ${resyncFinished(s) ? 'finished' : `NOT finished (resync timeout ${s.resyncTimeout})`}`);
    for (const row of peerRows(r.sections)) lines.push(`    ${row.peer.padEnd(14)} ${row.addr.padEnd(22)} ${row.text.slice(row.text.indexOf(row.addr) + row.addr.length + 1)}`);
  }
  return lines.join('\n');
}
