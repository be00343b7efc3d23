// Whether a new store state can change what the fleet table and its header show. A poll of an idle HAProxy
// changes nothing but its latency and the ages (lastchg, downtime) its unchanged rows carry in place; redrawing
// for that cost more CPU than the poll itself at 10,000 servers (measured: 0.77 s/min without those frames,
// 1.25 with). The UI skips such states, and asks for every one while its screen shows an age that counts seconds.
import type { LbState } from '../model/fleet.js';
import type { StoreState } from './types.js';
import type { ServerState } from '../model/haproxy.js';
import { backendsMoved } from '../sources/haproxy/server-states.js';

/** The header's latency is redrawn when it moves by this much (a jitter of a millisecond or two is not news). */
export const LATENCY_STEP = { ms: 5, ratio: 0.25 };

export function visiblyChanged(before: StoreState, after: StoreState): boolean {
  if (before === after) return false;
  if (before.events !== after.events || !sameCells(before.changedCells, after.changedCells)) return true;
  if (before.lbs.size !== after.lbs.size) return true;
  const theirs = before.lbs.entries();
  for (const [name, state] of after.lbs) {
    const [otherName, other] = theirs.next().value as [string, LbState];
    if (name !== otherName || lbChanged(other, state)) return true;
  }
  return false;
}

function sameCells(a: StoreState['changedCells'], b: StoreState['changedCells']): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, at] of b) if (a.get(key) !== at) return false;
  return true;
}

function lbChanged(a: LbState, b: LbState): boolean {
  const x = a.health;
  const y = b.health;
  if (x.ok !== y.ok || x.stale !== y.stale || x.error !== y.error || x.endpoint !== y.endpoint || x.version !== y.version) return true;
  if (x.consecutiveFailures !== y.consecutiveFailures || latencyMoved(x.latencyMs, y.latencyMs)) return true;
  if (a.snapshot === b.snapshot) return false;
  if (!a.snapshot || !b.snapshot || a.snapshot.serversPending !== b.snapshot.serversPending) return true;
  return !sameElements(a.snapshot.stats, b.snapshot.stats) || !sameValues(a.snapshot.servers, b.snapshot.servers);
}

function latencyMoved(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a !== b;
  const step = Math.max(LATENCY_STEP.ms, LATENCY_STEP.ratio * a);
  return Math.abs(b - a) >= step;
}

/** Rows compared by reference: the parser re-uses the object of a row that did not change (ages aside). */
function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameValues(a: ReadonlyMap<string, ServerState> | null, b: ReadonlyMap<string, ServerState> | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  const moved = backendsMoved(a, b);
  if (moved) return moved.size === 0;
  const theirs = a.entries();
  for (const [key, value] of b) {
    const [otherKey, other] = theirs.next().value as [string, unknown];
    if (key !== otherKey || value !== other) return false;
  }
  return true;
}
