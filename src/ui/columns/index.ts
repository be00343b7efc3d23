// The column set of each stats view: NAME, one state column per LB, then the view's own columns.
import type { StatsViewId } from '../state/views.js';
import { lbStateColumns, nameColumn } from './common.js';
import { errorsColumns } from './errors.js';
import { httpColumns } from './http.js';
import { statusColumns } from './status.js';
import { trafficColumns } from './traffic.js';
import type { TableRow } from '../rows/types.js';
import { duration } from '../../present/format.js';
import { fitColumns as fitTable } from '../../present/table.js';
import type { CellContext, Column, LbInfo } from './types.js';

const BY_VIEW: Record<StatsViewId, readonly Column[]> = {
  status: statusColumns,
  traffic: trafficColumns,
  http: httpColumns,
  errors: errorsColumns,
};

export function columnsFor(view: StatsViewId, lbs: readonly LbInfo[]): Column[] {
  return [nameColumn, ...lbStateColumns(lbs), ...BY_VIEW[view]];
}

/** Fits columns to the terminal (src/present/table.ts): NAME takes what is left, the rest drop from the right. */
export function fitColumns(columns: readonly Column[], width: number): { column: Column; width: number }[] {
  return fitTable(columns, width);
}

const AGE_FIELDS = ['lastchg', 'downtime'] as const;

/**
 * What `view` shows on `rows` that a poll changes without changing the rows: the ages as drawn ("41s", "12m",
 * "3h04m"), which the parser refreshes in place, and the sparklines, which move with every poll of the trends
 * (a spike walks left for a minute after the row's numbers settled). The TUI compares this string after a quiet
 * poll: it is drawn when it differs, not otherwise (see visible-change.ts and useStoreState).
 */
export function agesOnScreen(view: StatsViewId, rows: readonly TableRow[], ctx?: CellContext): string {
  const fields = AGE_FIELDS.filter((field) => BY_VIEW[view].some((c) => c.fields?.includes(field)));
  const trends = ctx?.trends ? BY_VIEW[view].filter((c) => c.id.startsWith('trend:')) : [];
  if (fields.length === 0 && trends.length === 0) return '';
  let text = '';
  for (const row of rows) {
    for (const s of row.stats) for (const field of fields) text += `${duration(s.row[field])},`;
    for (const column of trends) text += `${column.cell(row, ctx!).text},`;
  }
  return text;
}
