// The column set of each stats view: NAME, one state column per LB, then the view's own columns.
import type { StatsViewId } from '../state/views.js';
import { lbStateColumns, nameColumn } from './common.js';
import { errorsColumns } from './errors.js';
import { httpColumns } from './http.js';
import { statusColumns } from './status.js';
import { trafficColumns } from './traffic.js';
import type { TableRow } from '../rows/types.js';
import { duration } from './format.js';
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

/**
 * Fits columns to the terminal: the flex column (NAME) takes what is left, down to its minimum width; columns
 * that still do not fit are dropped from the right, never wrapped (a wrapped row would break the frame height).
 */
export function fitColumns(columns: readonly Column[], width: number): { column: Column; width: number }[] {
  const gap = 1;
  const fixed = columns.filter((c) => !c.flex);
  const flexMin = columns.filter((c) => c.flex).reduce((a, c) => a + c.width + gap, 0);
  const kept: Column[] = [];
  let used = flexMin;
  for (const c of fixed) {
    if (used + c.width + gap > width) break;
    kept.push(c);
    used += c.width + gap;
  }
  const spare = Math.max(0, width - used);
  return columns
    .filter((c) => c.flex || kept.includes(c))
    .map((c) => ({ column: c, width: c.flex ? c.width + Math.min(spare, 40) : c.width }));
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
