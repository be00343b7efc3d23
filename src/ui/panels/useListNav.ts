// Cursor and scroll of a panel's list, with the nav.* handlers bound to it: every panel moves the same way
// (j/k, pages, g/G) through the pure moves of ../state/selection.ts. With `keyAt`, the cursor follows its line
// when a refresh inserts or removes lines above it.
import { useState } from 'react';
import type { HandlerFn } from '../hooks/useCommands.js';
import { locate, move, settle, type NavMove, type Selection } from '../state/selection.js';

/** The moves every list answers (j/k, pages, g/G), all of them: a panel's key table needs each one. */
export type NavHandlers = Record<'nav.down' | 'nav.up' | 'nav.pageDown' | 'nav.pageUp' | 'nav.home' | 'nav.end', HandlerFn>;

export interface ListNav {
  /** Selected index, kept in range. */
  index: number;
  /** First visible index. */
  top: number;
  handlers: NavHandlers;
  select(index: number): void;
}

export interface ListKeys {
  keyAt(index: number): string | undefined;
  indexOf(key: string): number | undefined;
}

export function useListNav(count: number, height: number, keys?: ListKeys): ListNav {
  const [sel, setSel] = useState<Selection>({ index: 0, key: null, top: 0 });
  const at = keys ? locate(sel, count, keys.keyAt, keys.indexOf) : sel.index;
  const now = settle(count, height, at, sel.top);
  const select = (index: number) => {
    const next = settle(count, height, index, now.top);
    setSel({ ...next, key: keys?.keyAt(next.index) ?? null });
  };
  const to = (how: NavMove) => () => select(move(now.index, how, count, height));
  return {
    index: now.index,
    top: now.top,
    select,
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
