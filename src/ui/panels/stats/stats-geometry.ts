// How the body splits between the fleet table and its detail pane (Enter): the pane takes the lower part, at
// most 60% of the body; the table keeps the rest, one line of it for the column header. The `:` jump prompt
// (App.tsx) places its target with the same list height.
import { detailHeight } from './detail-lines.js';

export function statsHeights(body: number, detailOpen: boolean, lbCount: number): { list: number; detail: number } {
  const detail = detailOpen ? Math.min(detailHeight(lbCount), Math.floor(body * 0.6)) : 0;
  return { list: Math.max(1, body - 1 - detail), detail };
}
