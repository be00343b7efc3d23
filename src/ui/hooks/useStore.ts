// The store's state as React state: one re-render per store revision.
import { useCallback, useSyncExternalStore } from 'react';
import type { StoreReader, StoreState } from '../../store/types.js';

export function useStoreState(store: StoreReader): StoreState {
  // Bound here: the store may be a class whose methods use `this`.
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
  const get = useCallback(() => store.getState(), [store]);
  return useSyncExternalStore(subscribe, get, get);
}
