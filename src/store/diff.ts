// Compares two snapshots of one LB: which cells changed (for the flash highlight) and which changes are
// events worth keeping on the timeline (state, check, admin state, weight).
import type { TimelineEvent } from '../model/events.js';
import type { HaproxySnapshot, StatRow } from '../model/haproxy.js';
import { adminStateOf } from '../sources/haproxy/admin-state.js';
import { backendsMoved } from '../sources/haproxy/server-states.js';
import type { CellKey } from './types.js';

/** Fields whose change is highlighted. Counters that grow every poll (stot, bin, bout) are left out on purpose. */
const STATE_FIELDS: readonly (keyof StatRow)[] = ['status', 'weight', 'checkStatus'];
/** Measures: highlighted only when they move after holding still (FleetStore: a busy frontend's scur is not news). */
const MEASURE_FIELDS: readonly (keyof StatRow)[] = ['scur', 'qcur', 'rate', 'reqRate', 'econ', 'eresp', 'ereq', 'chkfail', 'hrsp5xx'];

export function cellKey(lb: string, proxy: string, name: string, field: string): CellKey {
  return `${lb}\u0000${proxy}\u0000${name}\u0000${field}`;
}

export interface SnapshotDiff {
  /** Cells of state fields that changed (status, weight, check). */
  changedCells: CellKey[];
  /** Cells of measures that changed (sessions, queue, rates, errors). */
  changedMeasures: CellKey[];
  events: TimelineEvent[];
}

export function diffSnapshots(lb: string, before: HaproxySnapshot, after: HaproxySnapshot): SnapshotDiff {
  const changedCells: CellKey[] = [];
  const changedMeasures: CellKey[] = [];
  const events: TimelineEvent[] = [];
  const at = after.at;
  // Rows the parser re-used (same object at the same position: the line did not change) are skipped without a
  // lookup; at 10,000 servers that is nearly all of them. Only the others are matched by name.
  // The backends with a server whose state is not the object it was: only their rows are looked up by name (a
  // "backend/server" string per row of 10,000, twice per poll, was the largest cost of a poll left at 10,000).
  const moved = movedBackends(before.servers, after.servers);
  const unchanged = (i: number) => {
    const row = after.stats[i];
    if (row === undefined || before.stats[i] !== row) return false;
    if (row.kind !== 'server' || (moved !== 'all' && !moved.has(row.proxy))) return true;
    const key = `${row.proxy}/${row.name}`;
    return before.servers?.get(key) === after.servers?.get(key);
  };
  const previous = new Map<string, StatRow>();
  // A quiet poll hands back the very same rows (focused-stat.ts): nothing to look at row by row.
  const quiet = before.stats === after.stats && before.servers === after.servers;
  if (!quiet) {
    before.stats.forEach((row, i) => {
      if (!unchanged(i)) previous.set(`${row.proxy}/${row.name}`, row);
    });
  }

  if (before.info.pid !== after.info.pid || (after.info.uptimeSec ?? 0) < (before.info.uptimeSec ?? 0)) {
    events.push({ at, lb, kind: 'lb', subject: '', from: `pid ${before.info.pid}`, to: `pid ${after.info.pid}`, detail: 'HAProxy reloaded or restarted' });
  }

  if (quiet) return { changedCells, changedMeasures, events };
  for (let i = 0; i < after.stats.length; i++) {
    if (unchanged(i)) continue;
    const row = after.stats[i]!;
    const key = `${row.proxy}/${row.name}`;
    const old = previous.get(key);
    if (!old) {
      // After a first poll of proxies only (serversPending), every server is new to lbtop, not to HAProxy.
      if (row.kind === 'server' && !before.serversPending) events.push({ at, lb, kind: 'server-status', subject: key, from: '(absent)', to: row.status, detail: 'server appeared' });
      continue;
    }
    previous.delete(key);
    for (const field of STATE_FIELDS) {
      if (old[field] !== row[field]) changedCells.push(cellKey(lb, row.proxy, row.name, field));
    }
    for (const field of MEASURE_FIELDS) {
      if (old[field] !== row[field]) changedMeasures.push(cellKey(lb, row.proxy, row.name, field));
    }
    const subject = row.kind === 'server' ? key : row.proxy;
    if (old.status !== row.status) {
      const kind = row.kind === 'server' ? 'server-status' : row.kind === 'backend' ? 'backend-status' : 'frontend-status';
      events.push({ at, lb, kind, subject, from: old.status, to: row.status, detail: row.kind === 'server' ? describeCheck(row) : undefined });
    } else if (row.kind === 'server' && old.checkStatus !== row.checkStatus && row.checkStatus !== '') {
      events.push({ at, lb, kind: 'check', subject, from: old.checkStatus, to: row.checkStatus, detail: describeCheck(row) });
    }
    if (row.kind === 'server') {
      // Admin states are compared only when both polls read them: a first `show servers state` is no change.
      const oldAdmin = adminStateOf(old, before.servers?.get(key) ?? null);
      const newAdmin = adminStateOf(row, after.servers?.get(key) ?? null);
      if (oldAdmin !== newAdmin && (before.servers !== null || after.servers === null)) events.push({ at, lb, kind: 'admin', subject, from: oldAdmin, to: newAdmin });
      if (old.weight !== row.weight) events.push({ at, lb, kind: 'weight', subject, from: String(old.weight), to: String(row.weight) });
    }
  }
  for (const [key, row] of previous) {
    if (row.kind === 'server' && !after.serversPending) events.push({ at, lb, kind: 'server-status', subject: key, from: row.status, to: '(absent)', detail: 'server removed' });
  }
  return { changedCells, changedMeasures, events };
}

/** Backends with a state that moved between two servers-state maps (same map: none; a map missing: all). */
function movedBackends(before: HaproxySnapshot['servers'], after: HaproxySnapshot['servers']): ReadonlySet<string> | 'all' {
  const moved = new Set<string>();
  if (before === after) return moved;
  if (!before || !after || before.size !== after.size) return 'all';
  const byPart = backendsMoved(before, after);
  if (byPart) return byPart;
  for (const [key, state] of after) if (before.get(key) !== state) moved.add(state.backend);
  for (const [key, state] of before) if (!after.has(key)) moved.add(state.backend);
  return moved;
}

function describeCheck(row: StatRow): string | undefined {
  if (!row.checkStatus) return undefined;
  const code = row.checkCode !== null ? ` ${row.checkCode}` : '';
  const took = row.checkDuration !== null ? ` in ${row.checkDuration}ms` : '';
  return `check ${row.checkStatus}${code}${took}`;
}
