// The timeline newest first, filtered; recomputed only when the events or the filter change.
import { useMemo } from 'react';
import type { TimelineEvent } from '../../../model/events.js';
import { eventText } from '../../columns/events.js';

export function useEventRows(events: readonly TimelineEvent[], filter: string): TimelineEvent[] {
  return useMemo(() => {
    const q = filter.trim().toLowerCase();
    const out: TimelineEvent[] = [];
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const e = events[i]!;
      if (q === '' || eventText(e).includes(q)) out.push(e);
    }
    return out;
  }, [events, filter]);
}
