// A quiet poll that moved only the ages on screen (LASTCHG counting seconds) re-renders the table alone: its rows
// read the ages from the row objects, which the parser refreshes in place. Re-rendering the whole App for that
// (header, footer, key handlers, every hook) was about half of such a frame's CPU.
import { useSyncExternalStore } from 'react';

export interface AgeTicks {
  subscribe(listener: () => void): () => void;
  get(): number;
  bump(): void;
}

export function createAgeTicks(): AgeTicks {
  const listeners = new Set<() => void>();
  let tick = 0;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => tick,
    bump() {
      tick++;
      for (const listener of listeners) listener();
    },
  };
}

const NONE: AgeTicks = { subscribe: () => () => undefined, get: () => 0, bump: () => undefined };

/** Re-renders the calling component on every bump. */
export function useAgeTick(ticks: AgeTicks | undefined): number {
  const source = ticks ?? NONE;
  return useSyncExternalStore(source.subscribe, source.get, source.get);
}
