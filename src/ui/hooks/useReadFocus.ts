// Tells the pollers which backends are on screen: their servers are read on every poll, the others' every few
// polls (src/sources/haproxy/focused-stat.ts). Called with the table window; off the table (events, CLI, help)
// no backend is on screen and only state changes pull servers in.
import { useEffect } from 'react';
import type { TableRow } from '../rows/types.js';

export function useReadFocus(focus: ((backends: ReadonlySet<string>) => void) | undefined, rows: readonly TableRow[] | null, top: number, height: number): void {
  const backends = new Set<string>();
  if (rows) {
    const end = Math.min(rows.length, top + height);
    for (let i = top; i < end; i++) {
      const backend = rows[i]!.backend;
      if (backend !== undefined) backends.add(backend);
    }
  }
  // A string key: the effect runs when the set changes, not on every frame.
  const key = [...backends].sort().join('\n');
  useEffect(() => {
    focus?.(new Set(key === '' ? [] : key.split('\n')));
  }, [focus, key]);
}
