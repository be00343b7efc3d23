// 4 ERRORS (hatop mode 4): request/connection/response errors, retries, check failures, denials, downtime.
import { duration } from './format.js';
import { numeric } from './numeric.js';
import { checkColumn } from './common.js';
import type { Column } from './types.js';

export const errorsColumns: readonly Column[] = [
  checkColumn,
  numeric('EREQ', 'ereq', { width: 5 }),
  numeric('ECON', 'econ', { width: 5 }),
  numeric('ERESP', 'eresp', { width: 5 }),
  numeric('RETR', 'wretr', { width: 5 }),
  numeric('REDIS', 'wredis', { width: 5 }),
  numeric('CF', 'chkfail', { width: 4 }),
  numeric('CD', 'chkdown', { width: 4 }),
  numeric('DREQ', 'dreq', { width: 5 }),
  numeric('DRESP', 'dresp', { width: 5 }),
  numeric('DOWN', 'downtime', { width: 7, agg: 'max', format: duration }),
];
