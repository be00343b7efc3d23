// A numeric column from one StatRow field, an aggregation across LBs and a formatter.
import type { StatRow } from '../../model/haproxy.js';
import { max, min, sum } from './aggregate.js';
import { count } from './format.js';
import type { Column } from './types.js';

type NumField = { [K in keyof StatRow]: StatRow[K] extends number | null ? K : never }[keyof StatRow];
const AGG = { sum, max, min };

export function numeric(
  header: string,
  field: NumField,
  options: { width?: number; agg?: keyof typeof AGG; format?: (n: number | null) => string } = {},
): Column {
  const agg = AGG[options.agg ?? 'sum'];
  const format = options.format ?? count;
  return {
    id: field,
    header,
    width: options.width ?? Math.max(header.length, 6),
    align: 'right',
    fields: [field],
    cell: (row) => ({ text: row.kind === 'cluster' ? '' : format(agg(row.stats, field)) }),
    // Without the arrays the cell's aggregation builds: `o` computes this for every row of the table.
    sortKey: (row) => {
      let out: number | null = null;
      for (const s of row.stats) {
        const v = s.row[field];
        if (v === null) continue;
        out = out === null ? v : agg === sum ? out + v : agg === max ? Math.max(out, v) : Math.min(out, v);
      }
      return out;
    },
  };
}
