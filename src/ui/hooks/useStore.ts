// The store's state as React state: a re-render per store revision that can change the screen.
import { useCallback, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { StoreReader, StoreState } from '../../store/types.js';
import { visiblyChanged } from '../../store/visible-change.js';

/**
 * `everyRevision` (read when a revision arrives): true while the screen shows something a quiet poll still
 * changes (an age counting seconds); otherwise a revision that visiblyChanged() calls quiet renders nothing. The
 * state returned is always the newest, so anything else that renders (a key) sees the latest poll.
 */
export function useStoreState(store: StoreReader, everyRevision?: RefObject<boolean>): StoreState {
  const rendered = useRef<StoreState | null>(null);
  // Bound here: the store may be a class whose methods use `this`.
  const subscribe = useCallback(
    (listener: () => void) =>
      store.subscribe(() => {
        const seen = rendered.current;
        if (seen && !everyRevision?.current && !visiblyChanged(seen, store.getState())) return;
        listener();
      }),
    [store, everyRevision],
  );
  const get = useCallback(() => store.getState(), [store]);
  const state = useSyncExternalStore(subscribe, get, get);
  rendered.current = state;
  return state;
}
