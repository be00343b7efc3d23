// What admin state a server is in, and what restoring it takes. HAProxy has several maintenance and drain
// causes (forced from the CLI, inherited from a tracked server, from the config); lbtop only ever sets and
// clears the forced ones, so restoring "exactly the prior state" means restoring the forced bits.
import { SrvAdmin, type AdminTarget, type ServerState, type StatRow } from '../../model/haproxy.js';

/** The operator-facing admin state: maint wins over drain, as in HAProxy's own status column. */
export function adminStateOf(row: StatRow, state: ServerState | null): AdminTarget {
  if (state) {
    const bits = state.adminState;
    if (bits & (SrvAdmin.FMAINT | SrvAdmin.IMAINT | SrvAdmin.CMAINT | SrvAdmin.RMAINT | SrvAdmin.HMAINT)) return 'maint';
    if (bits & (SrvAdmin.FDRAIN | SrvAdmin.IDRAIN)) return 'drain';
    return 'ready';
  }
  if (row.status.startsWith('MAINT')) return 'maint';
  if (row.status.startsWith('DRAIN') || row.status.includes('(DRAIN)')) return 'drain';
  return 'ready';
}

/**
 * Whether maintenance comes from something `set server state ready` cannot clear (config `disabled`,
 * a tracked server, DNS). Shown in previews so "ready" is not promised where it will not happen.
 */
export function maintNotForced(state: ServerState | null): boolean {
  if (!state) return false;
  return (state.adminState & (SrvAdmin.IMAINT | SrvAdmin.CMAINT | SrvAdmin.RMAINT | SrvAdmin.HMAINT)) !== 0
    && (state.adminState & SrvAdmin.FMAINT) === 0;
}

/** Short label for the status column: "UP", "DOWN", "DRAIN", "MAINT", "UP 1/3", "no check". */
export function statusLabel(row: StatRow): string {
  return row.status;
}
