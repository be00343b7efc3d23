// The node drain progress table's columns: each drained (LB, backend/server) with its sessions and queue now, what
// it had when the drain started, and a bar that empties as they fall.
import type { DrainProgress } from '../../actions/node-wait.js';
import type { Column } from '../table.js';

export type DrainRow = DrainProgress['rows'][number] & {
  /** Sessions + queue when the drain started. */
  was: number;
};

const BAR = 10;
const left = (r: DrainRow) => (r.scur === null ? null : r.scur + (r.qcur ?? 0));

function bar(r: DrainRow): string {
  const l = left(r);
  if (l === null) return '?'.padEnd(BAR);
  const filled = r.was === 0 ? 0 : Math.min(BAR, Math.ceil((l / r.was) * BAR));
  return '█'.repeat(filled) + '·'.repeat(BAR - filled);
}

const num = (n: number | null) => (n === null ? '?' : String(n));
const col = (id: string, header: string, width: number, align: 'left' | 'right', of: (r: DrainRow) => string): Column<DrainRow> => ({ id, header, width, align, cell: (r) => ({ text: of(r) }) });

export const drainColumns: Column<DrainRow>[] = [
  col('lb', 'LB', 12, 'left', (r) => r.lb),
  col('server', 'BACKEND/SERVER', 28, 'left', (r) => `${r.backend}/${r.server}`),
  col('scur', 'SCUR', 6, 'right', (r) => num(r.scur)),
  col('qcur', 'QCUR', 6, 'right', (r) => num(r.qcur)),
  col('start', 'START', 6, 'right', (r) => String(r.was)),
  { id: 'left', header: 'LEFT', width: BAR, align: 'left', rest: true, before: '  ', cell: (r) => ({ text: bar(r), token: left(r) === 0 ? 'header.ok' : 'header.stale' }) },
  // The gap is in the error's colour with it (an error is loud, and it always looked so).
  { id: 'error', header: '', width: 0, align: 'left', rest: true, before: '', cell: (r) => ({ text: r.error ? `  ${r.error}` : '', token: 'header.down' }) },
];
