// 2 TRAFFIC (hatop mode 2): session rates (with their recent polls as a sparkline) and bytes.
import { bytes } from './format.js';
import { numeric } from './numeric.js';
import { weightColumn } from './common.js';
import { trendColumn } from './trend.js';
import type { Column } from './types.js';

export const trafficColumns: readonly Column[] = [
  weightColumn,
  numeric('RATE', 'rate'),
  trendColumn('RATE TREND', 'rate'),
  numeric('RMAX', 'rateMax', { agg: 'max' }),
  numeric('SCUR', 'scur'),
  numeric('STOT', 'stot', { width: 8 }),
  numeric('BIN', 'bin', { width: 9, format: bytes }),
  numeric('BOUT', 'bout', { width: 9, format: bytes }),
];
