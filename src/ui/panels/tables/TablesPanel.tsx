// TABLES (T): every LB's stick tables with size and use; Enter opens one table's entries on every LB that has it,
// sorted by a data column (c) and filtered on it (f: HAProxy's data filter, named per LB version); C compares the
// table across the LBs; d clears the selected key everywhere through the one preview dialog; p shows the peers.
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { TableFilter } from '../../../sources/haproxy/tables/filter.js';
import { tokenProps, useTheme } from '../../theme-context.js';
import type { PanelProps } from '../types.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { useListNav } from '../useListNav.js';
import { columnsOf, COMPARE_HEADER, compareRows, entryHeader, entryRows, LIST_HEADER, listRows, peerLines, type PanelRow } from './table-lines.js';
import { useTablesData } from './useTablesData.js';

interface TablesView {
  table: string | null;
  columnAt: number;
  filter: TableFilter | null;
  compare: boolean;
  peers: boolean;
}

/**
 * What the operator had open, kept across the panel's unmounts: the preview dialog takes the body while it is up,
 * and after a clear's report the operator is back on the same table, column and filter.
 */
const kept: { view: TablesView } = { view: { table: null, columnAt: 0, filter: null, compare: false, peers: false } };

export function TablesPanel(p: PanelProps) {
  const theme = useTheme();
  const svc = p.services.tables;
  const [view, setView] = useState<TablesView>(() => kept.view);
  const set = (change: Partial<TablesView> | ((v: TablesView) => Partial<TablesView>)) =>
    setView((v) => (kept.view = { ...v, ...(typeof change === 'function' ? change(v) : change) }));
  const { table, columnAt, filter, compare, peers } = view;
  const data = useTablesData(svc, table, filter, peers);
  const perLb = useMemo(() => data.entries?.perLb ?? [], [data.entries]);
  const columns = useMemo(() => columnsOf(perLb), [perLb]);
  const column = columns.length ? columns[columnAt % columns.length] : undefined;
  const peerRowsShown = peers ? peerLines(data.overview) : [];
  const peerHeight = peers ? Math.min(peerRowsShown.length + 1, Math.max(3, Math.floor(p.height / 3))) : 0;
  const listHeight = Math.max(1, p.height - 2 - peerHeight);

  let title: string;
  let header: string;
  let rows: PanelRow[];
  if (table === null) {
    rows = listRows(data.overview);
    title = data.overview ? `${rows.length} table(s) on ${data.overview.lists.length} LB(s)  (Enter opens one)` : 'reading the tables…';
    header = LIST_HEADER;
  } else if (compare) {
    const c = compareRows(table, perLb);
    rows = c.rows;
    title = data.entries ? `COMPARE ${c.summary}` : `COMPARE ${table}: reading…`;
    header = COMPARE_HEADER;
  } else {
    rows = entryRows(perLb, column, columns);
    const how = perLb.map((l) => (l.error ? `${l.lb}: ${l.error}` : l.dump === null ? `${l.lb}: no such table` : l.filteredByLbtop ? `${l.lb}: filtered by lbtop` : null)).filter(Boolean);
    title = `${table}: ${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}, by ${column ?? '-'}${filter ? `, filter ${filter.column} ${filter.op} ${filter.value}` : ''}${how.length ? `  (${how.join('; ')})` : ''}`;
    header = entryHeader(columns);
  }
  const nav = useListNav(rows.length, listHeight);
  const selected = rows[nav.index];
  const noSvc = () => (svc ? null : 'stick tables are not read in this run (no HAProxy runtime API)');
  const inTable = (what: string) => () => noSvc() ?? (table === null ? `open a table first (Enter) to ${what}` : null);

  usePanelKeys(p, 'tables', {
    ...nav.handlers,
    'tables.open': { disabled: () => noSvc() ?? (table !== null ? 'a table is open (Esc goes back to the list)' : selected?.table ? null : 'no table selected'), run: () => {
      set({ table: selected!.table!, columnAt: 0, filter: null, compare: false });
      nav.select(0);
    } },
    'tables.back': { disabled: () => (table === null ? 'this is the list of tables' : null), run: () => {
      set({ table: null, filter: null, compare: false });
    } },
    'tables.column': { disabled: () => inTable('pick a column')() ?? (columns.length ? null : 'this table stores no data column'), run: () => set((v) => ({ columnAt: (v.columnAt + 1) % columns.length })) },
    'tables.filter': { disabled: () => inTable('filter')() ?? (filter || (column && selected?.entry) ? null : 'select an entry: the filter keeps the entries whose column is at least its value'), run: () => {
      if (filter) return set({ filter: null });
      const value = selected!.entry!.data.find((d) => d.column === column)?.value;
      if (typeof value !== 'number') return p.flash(`${column} is not a number here`, 'error');
      set({ filter: { column: column!, op: 'ge', value } });
    } },
    'tables.compare': { disabled: inTable('compare it across LBs'), run: () => set((v) => ({ compare: !v.compare })) },
    'tables.peers': () => set((v) => ({ peers: !v.peers })),
    'tables.clear': { disabled: () => inTable('clear a key')() ?? (selected?.key !== undefined ? null : 'no entry selected'), run: () => {
      svc!.planClear(table!, selected!.key!).then(p.preview, (e: unknown) => p.flash(`clear ${selected!.key}: ${e instanceof Error ? e.message : String(e)}`, 'error'));
    } },
  });

  const visible = rows.slice(nav.top, nav.top + listHeight);
  return (
    <Box flexDirection="column" height={p.height}>
      <Text wrap="truncate" {...tokenProps(theme, data.error ? 'dialog.warning' : 'header.title')}>{data.error ? `${title}  — ERROR: ${data.error}` : title}</Text>
      <Text wrap="truncate" {...tokenProps(theme, 'table.header')}>{header}</Text>
      {visible.map((r, i) => (
        <Text key={r.id} wrap="truncate" {...tokenProps(theme, nav.top + i === nav.index ? 'row.selected' : r.warn ? 'dialog.warning' : 'text')}>{r.text}</Text>
      ))}
      {rows.length === 0 ? <Text {...tokenProps(theme, 'text.dim')}>{table === null ? '(no stick table)' : compare ? '(the LBs agree)' : '(no entry)'}</Text> : null}
      {peers ? (
        <Box flexDirection="column">
          <Text {...tokenProps(theme, 'table.header')}>PEERS (p hides)</Text>
          {peerRowsShown.slice(0, peerHeight - 1).map((r) => (
            <Text key={r.id} wrap="truncate" {...tokenProps(theme, r.warn ? 'dialog.warning' : 'text')}>{r.text}</Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
