// One fleet row as cells: each column's pure cell function, the row's token, the changed-cell highlight.
import { Text } from 'ink';
import { memo } from 'react';
import type { StoreState } from '../../store/types.js';
import type { Token } from '../../theme/tokens.js';
import { HIGHLIGHT_MS, isChanged } from '../columns/changed.js';
import { fit } from '../../present/format.js';
import { lineText } from '../../present/line.js';
import { headerLine, type Fitted } from '../../present/table.js';
import type { CellContext, Column } from '../columns/types.js';
import type { TableRow } from '../rows/types.js';
import { tokenProps, useTheme } from '../theme-context.js';

const ROW_TOKEN: Record<TableRow['kind'], Token> = {
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

interface Props {
  kind: TableRow['kind'];
  cells: readonly DrawnCell[];
  selected: boolean;
}

function sameRow(a: Props, b: Props): boolean {
  if (a.kind !== b.kind || a.selected !== b.selected || a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) {
    if (a.cells[i]!.text !== b.cells[i]!.text || a.cells[i]!.token !== b.cells[i]!.token) return false;
  }
  return true;
}

export const StatsRow = memo(function StatsRow({ kind, cells, selected }: Props) {
  const theme = useTheme();
  return (
    <Text wrap="truncate" {...tokenProps(theme, selected ? 'row.selected' : ROW_TOKEN[kind])}>
      {cells.map(({ text, token }, i) =>
        // One text node per cell (separator included): the frame cost is nodes × visible rows.
        token ? (
          <Text key={i} {...tokenProps(theme, token)}>
            {text}
          </Text>
        ) : (
          text
        ),
      )}
    </Text>
  );
}, sameRow);

export interface HeaderProps {
  columns: readonly FittedColumn[];
  sort?: { column: string; desc: boolean } | null;
  ascii?: boolean;
}

export function StatsHeader({ columns, sort, ascii }: HeaderProps) {
  const theme = useTheme();
  const line = lineText(headerLine(columns, sort ?? null, ascii));
  return (
    <Text wrap="truncate" {...tokenProps(theme, 'table.header')}>
      {line}
    </Text>
  );
}
