// The CERTS view as lines (pure): the certificates of every LB, soonest expiry first, through the CERTS columns.
import { certViewColumns } from '../../present/columns/certs.js';
import { fitColumns, headerLine, rowLine } from '../../present/table.js';
import type { Line } from '../components/ScrollText.js';
import { certsSortedForView } from './cert-order.js';
import type { MapsState } from './maps-state.js';
import { status, type ViewLines } from './view-lines.js';

export const WARN_DAYS = 21;

export function certsLines(s: MapsState): ViewLines {
  const list = certsSortedForView(s.certs.value ?? []);
  const columns = fitColumns(certViewColumns, Infinity);
  const head: Line[] = [headerLine(columns), ...status(s.certs, 'certificates')];
  const body = list.map((c): Line => rowLine(columns, c, { warnDays: WARN_DAYS }));
  if (list.length === 0 && !s.certs.loading) body.push([{ text: 'no certificates loaded on any LB', token: 'text.dim' }]);
  return { head, body, cursor: list.length ? s.cursor.certs : null };
}
