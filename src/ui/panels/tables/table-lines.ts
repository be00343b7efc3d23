// Pure rows of the TABLES panel (k9s render/*): the list of tables per LB, a table's entries sorted by the
// chosen column, the compare, the peers. Text in, text out; the component only windows and colours them. The
// columns are `lbtop tables`' (src/present/columns/stick-tables.ts).
import { compareTables } from '../../../actions/tables/compare.js';
import type { StickEntry } from '../../../model/tables.js';
import { compareColumns, entryColumns, entryValue, TABLE_LIST_COLUMNS, tableListColumns, type TableListRow } from '../../../present/columns/stick-tables.js';
import { lineText } from '../../../present/line.js';
import { fitColumns, headerLine, rowLine, type Fitted } from '../../../present/table.js';
import type { Column } from '../../../present/table.js';
import { peerRows, peersProblems, resyncFinished } from '../../../sources/haproxy/tables/peers-sync.js';
import { fit } from '../../columns/format.js';
import type { LbEntries, TablesOverview } from './tables-services.js';

export interface PanelRow {
  /** Stable identity: the cursor stays on it across refreshes. */
  id: string;
  text: string;
  /** The table a list row opens, the key an entry row clears. */
  table?: string;
  key?: string;
  entry?: StickEntry;
  warn?: boolean;
}

const LIST = fitColumns(tableListColumns, Infinity);
const UNREADABLE = fitColumns([TABLE_LIST_COLUMNS.table, TABLE_LIST_COLUMNS.lb, TABLE_LIST_COLUMNS.note], Infinity);
const COMPARE = fitColumns(compareColumns, Infinity);
const text = (columns: readonly Fitted<Column<TableListRow>>[], row: TableListRow) => lineText(rowLine(columns, row));

export function listRows(o: TablesOverview | null): PanelRow[] {
  if (!o) return [];
  const rows: PanelRow[] = [];
  for (const l of o.lists) {
    if ('error' in l) rows.push({ id: `!${l.lb}`, text: text(UNREADABLE, { lb: l.lb, note: l.error }), warn: true });
    else for (const t of l.tables) rows.push({ id: `${t.name}@${l.lb}`, table: t.name, text: text(LIST, { lb: l.lb, table: t }) });
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
export const LIST_HEADER = lineText(headerLine(LIST));

/** The data columns of a table's entries, in the order HAProxy prints them. */
export function columnsOf(perLb: readonly LbEntries[]): string[] {
  const seen = new Set<string>();
  for (const l of perLb) for (const e of l.dump?.entries ?? []) for (const d of e.data) seen.add(d.column);
  return [...seen];
}

const valueOf = entryValue;

export function entryRows(perLb: readonly LbEntries[], column: string | undefined, columns: readonly string[]): PanelRow[] {
  const rows = perLb.flatMap((l) => (l.dump?.entries ?? []).map((entry) => ({ lb: l.lb, entry })));
  rows.sort((a, b) => Number(valueOf(b.entry, column) ?? -Infinity) - Number(valueOf(a.entry, column) ?? -Infinity) || (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : a.lb < b.lb ? -1 : 1));
  const fitted = fitColumns(entryColumns(columns), Infinity);
  return rows.map(({ lb, entry }) => ({ id: `${entry.key}@${lb}`, key: entry.key, entry, text: lineText(rowLine(fitted, { lb, entry })) }));
}
export const entryHeader = (columns: readonly string[]) => lineText(headerLine(fitColumns(entryColumns(columns), Infinity)));
export const COMPARE_HEADER = lineText(headerLine(COMPARE));

export function compareRows(table: string, perLb: readonly LbEntries[]): { summary: string; rows: PanelRow[] } {
  const c = compareTables(table, new Map(perLb.filter((l) => !l.error).map((l) => [l.lb, l.dump])));
  const rows = c.rows.map((r): PanelRow => {
    const on = Object.entries(r.perLb).filter(([, e]) => e).map(([lb]) => lb);
    const text = r.kind === 'missing'
      ? `only on ${on.join(', ')}; missing on ${Object.keys(r.perLb).filter((lb) => !on.includes(lb)).join(', ')}`
      : r.columns.map((col) => `${col}: ${Object.entries(r.perLb).map(([lb, e]) => `${lb}=${e ? valueOf(e, col) ?? '-' : '-'}`).join(' ')}`).join('; ');
    return { id: r.key, key: r.key, text: lineText(rowLine(COMPARE, { key: r.key, kind: r.kind, detail: text })), warn: true };
  });
  return { summary: `${table} on ${c.lbs.join(', ') || 'no LB'}: ${c.same} key(s) alike, ${c.rows.length} differ${c.without.length ? `; not on ${c.without.join(', ')}` : ''}`, rows };
}

export function peerLines(o: TablesOverview | null): PanelRow[] {
  if (!o) return [{ id: 'peers?', text: 'peers: reading…' }];
  return o.peers.flatMap((r): PanelRow[] => {
    if ('error' in r) return [{ id: `p!${r.lb}`, text: `${fit(r.lb, 14, 'left')} show peers failed: ${r.error}`, warn: true }];
    if (!r.sections.length) return [{ id: `p-${r.lb}`, text: `${fit(r.lb, 14, 'left')} no peers section` }];
    const problems = peersProblems(r.sections);
    return [
      ...r.sections.map((s) => ({ id: `p-${r.lb}-${s.name}`, text: `${fit(r.lb, 14, 'left')} ${s.name}: ${problems.length ? 'NOT IN SYNC' : 'in sync'}, initial resync ${resyncFinished(s) ? 'finished' : 'NOT finished'}`, warn: problems.length > 0 })),
      ...peerRows(r.sections).map((p) => ({ id: `p-${r.lb}-${p.section}-${p.peer}`, text: `${fit('', 14, 'left')}   ${p.text}`, warn: !p.connected })),
    ];
  });
}
