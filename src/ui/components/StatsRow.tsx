// One fleet row as cells: each column's pure cell function, the row's token, the changed-cell highlight.
import { Text } from 'ink';
import { memo } from 'react';
import type { StoreState } from '../../store/types.js';
import type { Token } from '../../theme/tokens.js';
import { HIGHLIGHT_MS, isChanged } from '../columns/changed.js';
import { fit } from '../columns/format.js';
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

export interface FittedColumn {
  column: Column;
  width: number;
}

interface Props {
  row: TableRow;
  columns: readonly FittedColumn[];
  ctx: CellContext;
  selected: boolean;
  changedCells: StoreState['changedCells'];
  now: number;
}

export const StatsRow = memo(function StatsRow({ row, columns, ctx, selected, changedCells, now }: Props) {
  const theme = useTheme();
  const base = ROW_TOKEN[row.kind];
  const since = now - HIGHLIGHT_MS;
  return (
    <Text wrap="truncate" {...tokenProps(theme, selected ? 'row.selected' : base)}>
      {columns.map(({ column, width }, i) => {
        const cell = column.cell(row, ctx);
        const token = isChanged(row, column, changedCells, since) ? 'cell.changed' : cell.token;
        // One text node per cell (separator included): the frame cost is nodes × visible rows.
        const text = (i > 0 ? ' ' : '') + fit(cell.text, width, column.align);
        return token ? (
          <Text key={column.id} {...tokenProps(theme, token)}>
            {text}
          </Text>
        ) : (
          text
        );
      })}
    </Text>
  );
});

export function StatsHeader({ columns }: { columns: readonly FittedColumn[] }) {
  const theme = useTheme();
  const line = columns.map(({ column, width }) => fit(column.header, width, column.align)).join(' ');
  return (
    <Text wrap="truncate" {...tokenProps(theme, 'table.header')}>
      {line}
    </Text>
  );
}
