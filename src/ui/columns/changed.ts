// Which cells changed recently (the store's per-cell deltas, k9s's delta flash): a cell is highlighted while
// any LB behind it changed one of the cell's fields within HIGHLIGHT_MS.
import { cellKey } from '../../store/diff.js';
import type { StoreState } from '../../store/types.js';
import type { TableRow } from '../rows/types.js';
import type { Column } from './types.js';

/** How long a changed cell stays highlighted. */
export const HIGHLIGHT_MS = 2000;

export function isChanged(row: TableRow, column: Column, cells: StoreState['changedCells'], since: number): boolean {
  if (!column.fields || cells.size === 0) return false;
  for (const s of row.stats) {
    if (column.lb && s.lb !== column.lb) continue;
    for (const field of column.fields) {
      const at = cells.get(cellKey(s.lb, s.row.proxy, s.row.name, field));
      if (at !== undefined && at >= since) return true;
    }
  }
  return false;
}
