// A panel's data: read once on open, again every poll interval and on demand, one read in flight at a time (a
// slow LB never stacks reads). The last good result stays on screen when a read fails, marked by `error`.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface PolledRead<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  refresh(): void;
}

export function usePolledRead<T>(read: (() => Promise<T>) | null, intervalMs: number, key: string): PolledRead<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const busy = useRef(false);
  const readRef = useRef(read);
  readRef.current = read;
  const refresh = useCallback(() => {
    const run = readRef.current;
    if (!run || busy.current) return;
    busy.current = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error), loading: false })),
    ).finally(() => (busy.current = false));
  }, []);
  useEffect(() => {
    setState({ data: null, error: null, loading: true });
    refresh();
    const timer = setInterval(refresh, Math.max(1000, intervalMs));
    return () => clearInterval(timer);
  }, [key, intervalMs, refresh]);
  return { ...state, refresh };
}
