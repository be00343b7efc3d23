// "Now" for rendering: re-renders when the newest changed-cell highlight expires, and every second while an
// LB is stale or down (its age in the header keeps counting). No timer runs when nothing needs one.
import { useEffect, useState } from 'react';
import type { StoreState } from '../../store/types.js';
import { HIGHLIGHT_MS } from '../columns/changed.js';

export function useClock(now: () => number, changedCells: StoreState['changedCells'], ticking: boolean): number {
  const [, setTick] = useState(0);
  const current = now();
  useEffect(() => {
    let latest = 0;
    for (const at of changedCells.values()) if (at > latest) latest = at;
    const wait = latest + HIGHLIGHT_MS - now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setTick((t) => t + 1), wait + 20);
    timer.unref?.();
    return () => clearTimeout(timer);
  }, [changedCells, now]);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [ticking]);
  return current;
}
