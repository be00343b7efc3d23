// 1 STATUS (hatop mode 1): health, sessions and queue.
import { duration } from './format.js';
import { numeric } from './numeric.js';
import { checkColumn, weightColumn } from './common.js';
import type { Column } from './types.js';

export const statusColumns: readonly Column[] = [
  weightColumn,
  checkColumn,
  numeric('SCUR', 'scur'),
  numeric('SMAX', 'smax', { agg: 'max' }),
  numeric('SLIM', 'slim'),
  numeric('STOT', 'stot', { width: 7 }),
  numeric('QCUR', 'qcur', { width: 5 }),
  numeric('QMAX', 'qmax', { width: 5, agg: 'max' }),
  numeric('LASTCHG', 'lastchg', { width: 7, agg: 'min', format: duration }),
  numeric('DOWNTIME', 'downtime', { width: 8, agg: 'max', format: duration }),
];
