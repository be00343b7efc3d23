// The flash line: results and errors, cleared after a while (errors stay longer: they are read at 3 a.m.).
import { useCallback, useEffect, useRef } from 'react';
import type { UiAction } from '../state/ui-state.js';

const KEEP_MS = { info: 4000, ok: 6000, error: 12_000 } as const;

export type FlashFn = (text: string, level: 'info' | 'ok' | 'error') => void;

export function useFlash(dispatch: (action: UiAction) => void): FlashFn {
  const timers = useRef(new Set<NodeJS.Timeout>());
  const seq = useRef(0);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  return useCallback(
    (text, level) => {
      // A sequence number, not the clock: two flashes in one millisecond must not expire each other.
      const at = (seq.current += 1);
      dispatch({ type: 'flash', flash: { text, level, at } });
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dispatch({ type: 'flash.expire', at });
      }, KEEP_MS[level]);
      timer.unref?.();
      timers.current.add(timer);
    },
    [dispatch],
  );
}
