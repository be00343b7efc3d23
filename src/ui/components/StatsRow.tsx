// One fleet row as cells: each column's pure cell function, the row's token, the changed-cell highlight.
import { Text } from 'ink';
import { memo } from 'react';
import { headerText, ROW_TOKEN, type DrawnCell, type FittedColumn } from '../columns/draw-cells.js';
import type { TableRow } from '../rows/types.js';
import { tokenProps, useTheme } from '../theme-context.js';

export { drawCells, type DrawnCell, type FittedColumn } from '../columns/draw-cells.js';

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
  const line = headerText(columns, sort ?? null, ascii);
  return (
    <Text wrap="truncate" {...tokenProps(theme, 'table.header')}>
      {line}
    </Text>
  );
}
