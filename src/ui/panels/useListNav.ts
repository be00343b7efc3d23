// Cursor and scroll of a panel's list, with the nav.* handlers bound to it: every panel moves the same way
// (j/k, pages, g/G) through the pure moves of ../state/selection.ts.
import { useState } from 'react';
import type { Handlers } from '../hooks/useCommands.js';
import { move, settle, type NavMove } from '../state/selection.js';

export interface ListNav {
  /** Selected index, kept in range. */
  index: number;
  /** First visible index. */
  top: number;
  handlers: Handlers;
  select(index: number): void;
}

export function useListNav(count: number, height: number): ListNav {
  const [at, setAt] = useState({ index: 0, top: 0 });
  const now = settle(count, height, at.index, at.top);
  const to = (how: NavMove) => () => setAt(settle(count, height, move(now.index, how, count, height), now.top));
  return {
    index: now.index,
    top: now.top,
    select: (index) => setAt(settle(count, height, index, now.top)),
    handlers: {
      'nav.down': to('down'),
      'nav.up': to('up'),
      'nav.pageDown': to('pageDown'),
      'nav.pageUp': to('pageUp'),
      'nav.home': to('home'),
      'nav.end': to('end'),
    },
  };
}
