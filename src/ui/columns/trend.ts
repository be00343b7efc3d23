// A sparkline column: a row's recent polls of one metric (src/store/trends.ts), summed across its LBs like the
// table's numbers, one character per poll, as many polls as the column is wide (the newest on the right).
import type { Metric, TrendRow } from '../../store/trends.js';
import type { TableRow } from '../rows/types.js';
import { sparkline } from './sparkline.js';
import type { CellContext, Column } from './types.js';

/** The LB rows behind a table row, as the trend store names them. */
export function trendRows(row: TableRow): TrendRow[] {
  return row.stats.map((s) => ({ lb: s.lb, proxy: s.row.proxy, name: s.row.name }));
}

/** The row's series, oldest first, into `out`; false when there is none (no store trends, a cluster row). */
export function rowSeries(row: TableRow, ctx: CellContext, metric: Metric, out: Float32Array): boolean {
  if (!ctx.trends || row.kind === 'cluster') return false;
  return ctx.trends.series(trendRows(row), metric, out);
}

export function trendColumn(header: string, metric: Metric, width = 12): Column {
  const values = new Float32Array(width); // one per column: cells are drawn one at a time
  const newest = new Float32Array(1); // `o` sorts by the newest poll: one value per row, not the whole line
  return {
    id: `trend:${metric}`,
    header,
    width,
    align: 'left',
    cell: (row, ctx) => ({ text: rowSeries(row, ctx, metric, values) ? sparkline(values, ctx.ascii) : '' }),
    sortKey: (row, ctx) => (rowSeries(row, ctx, metric, newest) ? newest[0]! || 0 : null),
  };
}
