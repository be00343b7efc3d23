// The detail pane's LB table: one row per LB carrying the row, with its status and numbers there (the fleet
// table's columns sum or merge them) and where it sends the traffic.
import type { ServerState, StatRow } from '../../model/haproxy.js';
import { count } from '../format.js';
import type { Column } from '../table.js';

/** One LB's stats of a row (the TUI's StatOnLb). */
export interface LbStat {
  lb: string;
  row: StatRow;
  state: ServerState | null;
  stale: boolean;
}

export interface LbStatContext {
  /** Each LB's newest 5xx rate, from the trends. */
  err5xx: ReadonlyMap<string, number>;
  /** A rate as the pane shows it ("—" unknown). */
  num(v: number): string;
}

const col = (id: string, header: string, width: number, align: 'left' | 'right', of: (s: LbStat, ctx: LbStatContext) => string): Column<LbStat, LbStatContext> => ({ id, header, width, align, cell: (s, ctx) => ({ text: of(s, ctx) }) });

export const lbStatColumns: Column<LbStat, LbStatContext>[] = [
  col('lb', 'LB', 12, 'left', (s) => s.lb),
  col('status', 'STATUS', 10, 'left', (s) => s.row.status + (s.stale ? '?' : '')),
  col('rate', 'SESS/s', 7, 'right', (s) => count(s.row.rate)),
  col('err5xx', '5XX/s', 7, 'right', (s, ctx) => ctx.num(ctx.err5xx.get(s.lb) ?? NaN)),
  col('qcur', 'QUEUE', 6, 'right', (s) => count(s.row.qcur)),
  col('scur', 'SCUR', 6, 'right', (s) => count(s.row.scur)),
  {
    ...col('where', 'ADDRESS / CHECK', 0, 'left', (s) => [s.row.addr || s.state?.address || '', s.state?.fqdn ?? '', s.row.checkStatus].filter(Boolean).join('  ')),
    rest: true,
    before: '  ',
  },
];
