// Which sessions the SESSIONS panel shows: those of the stats row selected when it was opened (a server, or a
// backend; a sub-row per LB narrows to its LB), or all when the selection is neither.
import type { SessionFilter } from '../../../model/sessions.js';
import type { TableRow } from '../../rows/types.js';

export interface SessionScope {
  filter: SessionFilter;
  /** Null: every LB. */
  lbs: string[] | null;
  label: string;
}

export function sessionScope(row: TableRow | null): SessionScope {
  if (row?.backend !== undefined && row.server !== undefined) {
    const label = `${row.backend}/${row.server}${row.lb ? ` on ${row.lb}` : ''}`;
    return { filter: { backend: row.backend, server: row.server }, lbs: row.lb ? [row.lb] : null, label };
  }
  if (row?.kind === 'backend' && row.backend !== undefined) return { filter: { backend: row.backend }, lbs: null, label: `backend ${row.backend}` };
  return { filter: {}, lbs: null, label: 'every backend' };
}
