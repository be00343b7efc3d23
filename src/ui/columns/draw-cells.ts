// A row's cells as drawn: each column's pure cell function, fitted, with the changed-cell highlight. Pure (no
// React): the stats table (views/StatsView.tsx) styles them into one text for Ink, and the first frame
// (src/ui/first-frame) draws them the same way before Ink has loaded.
import type { StoreState } from '../../store/types.js';
import type { Token } from '../../theme/tokens.js';
import type { TableRow } from '../rows/types.js';
import { HIGHLIGHT_MS, isChanged } from './changed.js';
import { fit } from '../../present/format.js';
import { lineText } from '../../present/line.js';
import { headerLine, type Fitted } from '../../present/table.js';
import type { CellContext, Column } from './types.js';
import type { Theme } from '../../theme/tokens.js';
import { styledRow } from '../styled-text.js';

export const ROW_TOKEN: Record<TableRow['kind'], Token> = {
  cluster: 'row.cluster',
  frontend: 'row.frontend',
  backend: 'row.backend',
  server: 'row.server',
  sublb: 'row.sublb',
};

export type FittedColumn = Fitted<Column>;

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

export { sortedHeader } from '../../present/table.js';

/** The column header line, with the sort in force marked (src/present/table.ts, as every table's). */
export function headerText(columns: readonly FittedColumn[], sort: { column: string; desc: boolean } | null, ascii = false): string {
  return lineText(headerLine(columns, sort, ascii));
}

/** What the table says before any LB has answered. */
export const NO_DATA_YET = 'no data yet: waiting for the first poll of any LB';

/**
 * The rows on screen (`top`, `height` of them) as styled lines, the selected one highlighted: the stats table hands
 * them to Ink as one text, and the first frame writes them before Ink has loaded.
 */
export function statsRowLines(rows: readonly TableRow[], window: { top: number; height: number; selected: number }, columns: readonly FittedColumn[], ctx: CellContext, changedCells: StoreState['changedCells'], now: number, theme: Theme): string[] {
  const lines: string[] = [];
  const end = Math.min(rows.length, window.top + window.height);
  for (let i = window.top; i < end; i++) {
    const row = rows[i]!;
    lines.push(styledRow(drawCells(row, columns, ctx, changedCells, now), i === window.selected ? 'row.selected' : ROW_TOKEN[row.kind], theme));
  }
  return lines;
}
