// Plain text of the `lbtop tables` and `lbtop peers` reads (the TABLES panel draws the same data).
import { entrySummary } from '../actions/tables/entry-text.js';
import type { PeersReading, StickTableInfo } from '../model/tables.js';
import { TABLE_LIST_COLUMNS, tableListTextColumns, type TableListRow } from '../present/columns/stick-tables.js';
import { lineText } from '../present/line.js';
import { fitColumns, headerLine, rowLine } from '../present/table.js';
import { sizedToContent } from '../present/text-table.js';
import { peerRows, peersProblems, resyncFinished } from '../sources/haproxy/tables/peers-sync.js';
import type { TableRead } from '../sources/haproxy/tables/read-tables.js';
import type { LbResult } from '../runtime/tables-service.js';

/** The TABLES panel's list columns, by LB; an LB without tables says why on its row. */
export function tableListText(results: readonly LbResult<StickTableInfo[]>[]): string {
  const rows = results.flatMap((r): TableListRow[] =>
    'error' in r ? [{ lb: r.lb, note: `ERROR: ${r.error}` }] : r.value.length === 0 ? [{ lb: r.lb, note: '(no stick table)' }] : r.value.map((table) => ({ lb: r.lb, table })),
  );
  const sized = sizedToContent(tableListTextColumns, rows, undefined, { atLeast: true });
  const fitted = fitColumns(sized, Infinity);
  const noted = fitColumns([sized[0]!, TABLE_LIST_COLUMNS.note], Infinity);
  return [headerLine(fitted), ...rows.map((r) => rowLine(r.table ? fitted : noted, r))].map((l) => lineText(l).trimEnd()).join('\n');
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
