// Selection and scroll position of a windowed list, as pure functions of (count, page height). Every move is
// O(1): nothing here walks the rows, so End on 10,000 rows costs what Down on 10 rows costs.

export interface Selection {
  index: number;
  /** Key of the selected row, so the selection follows its row when a refresh inserts rows above it. */
  key: string | null;
  /** First visible row. */
  top: number;
}

export type NavMove = 'down' | 'up' | 'pageDown' | 'pageUp' | 'home' | 'end';

export const NO_SELECTION: Selection = { index: 0, key: null, top: 0 };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Keeps the index in range and the selected row on screen, scrolling as little as possible. */
export function settle(count: number, height: number, index: number, top: number): { index: number; top: number } {
  if (count === 0) return { index: 0, top: 0 };
  const h = Math.max(1, height);
  const i = clamp(index, 0, count - 1);
  let t = clamp(top, 0, Math.max(0, count - h));
  if (i < t) t = i;
  if (i >= t + h) t = i - h + 1;
  return { index: i, top: t };
}

export function move(from: number, how: NavMove, count: number, height: number): number {
  const page = Math.max(1, height - 1);
  switch (how) {
    case 'down':
      return from + 1;
    case 'up':
      return from - 1;
    case 'pageDown':
      return from + page;
    case 'pageUp':
      return from - page;
    case 'home':
      return 0;
    case 'end':
      return count - 1;
  }
}

/** Where the selection is in the current rows: its index if the key still sits there, else where the key went. */
export function locate(sel: Selection, count: number, keyAt: (i: number) => string | undefined, indexOfKey: (key: string) => number | undefined): number {
  if (sel.key === null || keyAt(sel.index) === sel.key) return Math.min(sel.index, Math.max(0, count - 1));
  return indexOfKey(sel.key) ?? Math.min(sel.index, Math.max(0, count - 1));
}
