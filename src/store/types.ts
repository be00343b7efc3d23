// The store's public shape: what the UI subscribes to and what actions read.
import type { LbState } from '../model/fleet.js';
import type { TimelineEvent } from '../model/events.js';
import type { TrendReader } from './trends.js';

/** Cell key for deltas: `${lb}\u0000${proxy}\u0000${name}\u0000${field}`. */
export type CellKey = string;

export interface StoreState {
  /** Keyed by LB name, in config order. */
  lbs: ReadonlyMap<string, LbState>;
  /** Newest last; capped (oldest dropped) so memory stays bounded during a long incident. */
  events: readonly TimelineEvent[];
  /** Cells whose value changed in the latest poll of their LB → when (ms epoch). The UI highlights recent ones. */
  changedCells: ReadonlyMap<CellKey, number>;
  /** Bumped on every change; cheap equality for React. */
  revision: number;
}

export interface StoreReader {
  getState(): StoreState;
  /** Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Each row's recent polls; absent where nothing keeps them (the UI then shows no sparklines). */
  readonly trends?: TrendReader;
}
