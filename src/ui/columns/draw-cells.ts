// A row's cells as drawn: each column's pure cell function, fitted, with the changed-cell highlight. Pure (no
// React): StatsRow draws them through Ink, and the first frame (src/ui/first-frame) before Ink has loaded.
import type { StoreState } from '../../store/types.js';
import type { Token } from '../../theme/tokens.js';
import type { TableRow } from '../rows/types.js';
import { HIGHLIGHT_MS, isChanged } from './changed.js';
import { fit } from './format.js';
import type { CellContext, Column } from './types.js';

export const ROW_TOKEN: Record<TableRow['kind'], Token> = {
  cluster: 'row.cluster',
  frontend: 'row.frontend',
  backend: 'row.backend',
  server: 'row.server',
  sublb: 'row.sublb',
};

export interface FittedColumn {
  column: Column;
  width: number;
}

/** One cell as drawn: its text fitted to the column (separator included) and its colour, if not the row's. */
export interface DrawnCell {
  text: string;
  token: Token | undefined;
}

/**
 * The row's cells as they will be drawn, computed for every visible row on every frame (pure and cheap): the row
 * component below re-renders only when one of them differs, so a poll that changed nothing on screen costs no
 * React work for the table. Ages (LASTCHG) are updated in place on the row objects, which is why the comparison
 * is on the drawn text and not on the row.
 */
export function drawCells(row: TableRow, columns: readonly FittedColumn[], ctx: CellContext, changedCells: StoreState['changedCells'], now: number): DrawnCell[] {
  const since = now - HIGHLIGHT_MS;
  return columns.map(({ column, width }, i) => {
    const cell = column.cell(row, ctx);
    return {
      text: (i > 0 ? ' ' : '') + fit(cell.text, width, column.align),
      token: isChanged(row, column, changedCells, since) ? 'cell.changed' : cell.token,
    };
  });
}


/** A column's header with the sort arrow after it, shortened to keep the arrow when the column is narrow. */
export function sortedHeader(header: string, width: number, desc: boolean, ascii = false): string {
  const arrow = ascii ? (desc ? 'v' : '^') : desc ? '▼' : '▲';
  return header.length < width ? header + arrow : header.slice(0, Math.max(0, width - 1)) + arrow;
}

/** The column header line, with the sort in force marked. */
export function headerText(columns: readonly FittedColumn[], sort: { column: string; desc: boolean } | null, ascii = false): string {
  return columns
    .map(({ column, width }) => fit(sort?.column === column.id ? sortedHeader(column.header, width, sort.desc, ascii) : column.header, width, column.align))
    .join(' ');
}
