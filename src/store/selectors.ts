// From LB snapshots to the fleet the UI shows: clusters → logical backends/frontends → servers, one state
// per LB. The same backend name on several LBs is one logical backend (seed 002: a keepalived pair). How rows are
// grouped into clusters: fleet-grouping.ts; how a running TUI re-uses what did not change: fleet-builder.ts.
import type { LbtopConfig } from '../model/config.js';
import type { Fleet, LbState } from '../model/fleet.js';
import type { ServerState } from '../model/haproxy.js';
import { FleetBuilder } from './fleet-builder.js';
import type { StoreReader } from './types.js';

export { FleetBuilder };

export function buildFleet(config: Pick<LbtopConfig, 'clusters'>, lbs: ReadonlyMap<string, LbState>): Fleet {
  return new FleetBuilder().build(config, lbs);
}

/** An LB's `show servers state` from its last poll, when that poll succeeded (null when failing, stale or unread). */
export function polledServerStates(store: StoreReader, lb: string): ReadonlyMap<string, ServerState> | null {
  const state = store.getState().lbs.get(lb);
  if (!state || !state.health.ok || state.health.stale) return null;
  return state.snapshot?.servers ?? null;
}
