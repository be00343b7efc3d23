// What moved between two fleet builds, found by comparing each LB's rows by reference at the same index (the
// poll's parser hands back the very object of a row whose line did not change). With health checks and traffic
// something moves on most polls, but on a few dozen backends out of hundreds: the builder rebuilds those alone
// instead of regrouping 10,000 server rows (measured: that regrouping was a fifth of lbtop's CPU at 10,000).
import type { ServerState, StatRow } from '../model/haproxy.js';
import { backendsMoved } from '../sources/haproxy/server-states.js';

/** What one build read from one LB, kept for the next build to compare with. */
export interface FleetSource {
  lb: string;
  stats: readonly StatRow[];
  servers: ReadonlyMap<string, ServerState> | null;
}

export interface FleetChanges {
  /**
   * Backends with a BACKEND row, a server row or a server state that is not the object it was; true when a server
   * changed, false when only the BACKEND row did (its counters move with traffic on every poll).
   */
  backends: Map<string, boolean>;
  /** Frontends with a FRONTEND row that changed. */
  frontends: Set<string>;
}

/**
 * The changes from `before` to `after`; null when the rows themselves moved (an LB, a proxy or a server added,
 * removed or reordered, or a servers state map of other keys): the caller then rebuilds everything.
 */
export function changesBetween(before: readonly FleetSource[], after: readonly FleetSource[]): FleetChanges | null {
  if (before.length !== after.length) return null;
  const changes: FleetChanges = { backends: new Map(), frontends: new Set() };
  for (let l = 0; l < after.length; l++) {
    const x = before[l]!;
    const y = after[l]!;
    if (x.lb !== y.lb || x.stats.length !== y.stats.length) return null;
    if (x.stats !== y.stats && !rowChanges(x.stats, y.stats, changes)) return null;
    if (x.servers === y.servers) continue;
    if (!x.servers || !y.servers || x.servers.size !== y.servers.size) return null;
    const moved = backendsMoved(x.servers, y.servers);
    if (moved) {
      for (const backend of moved) changes.backends.set(backend, true);
      continue;
    }
    const theirs = x.servers.entries();
    for (const [key, state] of y.servers) {
      const [otherKey, other] = theirs.next().value as [string, ServerState];
      if (key !== otherKey) return null;
      if (other !== state) changes.backends.set(state.backend, true);
    }
  }
  return changes;
}

/** Adds the changed rows' proxies to `changes`; false when a row at some index is another row. */
function rowChanges(before: readonly StatRow[], after: readonly StatRow[], changes: FleetChanges): boolean {
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a === b) continue;
    if (a.kind !== b.kind || a.proxy !== b.proxy || a.name !== b.name) return false;
    if (b.kind === 'frontend') changes.frontends.add(b.proxy);
    else if (b.kind === 'server') changes.backends.set(b.proxy, true);
    else if (b.kind === 'backend' && !changes.backends.has(b.proxy)) changes.backends.set(b.proxy, false);
  }
  return true;
}
