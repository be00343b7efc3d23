// 3 HTTP (hatop mode 3): request rate and totals, responses by class, the 5xx rate of recent polls as a sparkline.
import { numeric } from './numeric.js';
import { weightColumn } from './common.js';
import { trendColumn } from './trend.js';
import type { Column } from './types.js';

export const httpColumns: readonly Column[] = [
  weightColumn,
  numeric('RATE', 'reqRate'),
  numeric('RTOT', 'reqTot', { width: 8 }),
  numeric('1xx', 'hrsp1xx'),
  numeric('2xx', 'hrsp2xx', { width: 8 }),
  numeric('3xx', 'hrsp3xx'),
  numeric('4xx', 'hrsp4xx'),
  numeric('5xx', 'hrsp5xx'),
  trendColumn('5XX/S TREND', 'err5xx'),
  numeric('?xx', 'hrspOther', { width: 5 }),
];
