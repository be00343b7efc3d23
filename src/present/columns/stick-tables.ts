// The stick tables' columns (TABLES panel and `lbtop tables`): the tables per LB, one table's entries with its
// data columns, the keys two LBs hold differently. A table an LB could not list is a row too, with the error.
import type { StickEntry, StickTableInfo } from '../../model/tables.js';
import type { Column } from '../table.js';

export interface TableListRow {
  lb: string;
  table?: StickTableInfo;
  /** Why the LB's tables are not listed (or that it has none). */
  note?: string;
}

const col = <R>(id: string, header: string, width: number, align: 'left' | 'right', of: (r: R) => string): Column<R> => ({ id, header, width, align, cell: (r) => ({ text: of(r) }) });
const count = (r: TableListRow, n: (t: StickTableInfo) => number) => (r.table ? String(n(r.table)) : '');

export const TABLE_LIST_COLUMNS = {
  table: col<TableListRow>('table', 'TABLE', 28, 'left', (r) => r.table?.name ?? '(unreadable)'),
  lb: col<TableListRow>('lb', 'LB', 14, 'left', (r) => r.lb),
  type: col<TableListRow>('type', 'TYPE', 8, 'left', (r) => r.table?.type ?? ''),
  usedSize: col<TableListRow>('usedSize', 'USED/SIZE', 14, 'right', (r) => (r.table ? `${r.table.used}/${r.table.size}` : '')),
  used: col<TableListRow>('used', 'USED', 8, 'right', (r) => count(r, (t) => t.used)),
  size: col<TableListRow>('size', 'SIZE', 9, 'right', (r) => count(r, (t) => t.size)),
  note: { ...col<TableListRow>('note', '', 0, 'left', (r) => r.note ?? ''), rest: true },
};

const L = TABLE_LIST_COLUMNS;
/** The panel's list: by table name, then LB. */
export const tableListColumns = [L.table, L.lb, L.type, L.usedSize];
/** `lbtop tables`: by LB, with used and size apart. */
export const tableListTextColumns = [L.lb, L.table, L.type, L.used, L.size];

export interface EntryRow {
  lb: string;
  entry: StickEntry;
}

export const entryValue = (e: StickEntry, column: string | undefined) => e.data.find((d) => d.column === column)?.value;

/** KEY, LB, USE, EXP, then one column per data column the table stores, in the order HAProxy prints them. */
export function entryColumns(data: readonly string[]): Column<EntryRow>[] {
  return [
    col('key', 'KEY', 24, 'left', (r) => r.entry.key),
    col('lb', 'LB', 12, 'left', (r) => r.lb),
    col('use', 'USE', 4, 'right', (r) => String(r.entry.use)),
    col('exp', 'EXP', 7, 'right', (r) => `${Math.round(r.entry.expMs / 1000)}s`),
    ...data.map((c) => col<EntryRow>(`data:${c}`, c.toUpperCase(), Math.max(8, c.length), 'right', (r) => String(entryValue(r.entry, c) ?? '-'))),
  ];
}

export interface CompareRow {
  key: string;
  kind: string;
  detail: string;
}

export const compareColumns: Column<CompareRow>[] = [
  col('key', 'KEY', 24, 'left', (r) => r.key),
  col('kind', 'KIND', 8, 'left', (r) => r.kind.toUpperCase()),
  { ...col('detail', 'DETAIL', 0, 'left', (r) => r.detail), rest: true },
];
