// The store's state as React state: a re-render per store revision that can change the screen.
import { useCallback, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { StoreReader, StoreState } from '../../store/types.js';
import { visiblyChanged } from '../../store/visible-change.js';
import type { AgeTicks } from './useAgeTicks.js';

/**
 * What the screen shows that a quiet poll can still change (the ages on the rows on screen, which the parser
 * refreshes in place): `drawn` as last rendered, and `now` to read it again after a poll.
 */
export interface ScreenText {
  drawn: string;
  now(): string;
  /** When only this text moved, bumped instead of re-rendering the App: the table redraws it alone. */
  ticks?: AgeTicks;
}

/**
 * `screen` (read when a revision arrives): a revision that visiblyChanged() calls quiet renders nothing unless the
 * screen's text would differ (an age that counts seconds, or minutes past an hour). The state returned is always
 * the newest, so anything else that renders (a key) sees the latest poll.
 */
export function useStoreState(store: StoreReader, screen?: RefObject<ScreenText | null>): StoreState {
  const rendered = useRef<StoreState | null>(null);
  // Bound here: the store may be a class whose methods use `this`.
  const subscribe = useCallback(
    (listener: () => void) =>
      store.subscribe(() => {
        const seen = rendered.current;
        const text = screen?.current;
        if (seen && !visiblyChanged(seen, store.getState())) {
          const now = text?.now();
          if (!text || now === text.drawn) return;
          if (text.ticks) {
            text.drawn = now!;
            text.ticks.bump();
            return;
          }
        }
        listener();
      }),
    [store, screen],
  );
  const get = useCallback(() => store.getState(), [store]);
  const state = useSyncExternalStore(subscribe, get, get);
  rendered.current = state;
  return state;
}
