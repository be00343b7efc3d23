// Renders only the rows on screen. The row list itself is built elsewhere (memoised per store revision); here
// the cost of a frame is the window height, whatever the number of rows: 10,000 servers scroll like 100.
import { Box, Text } from 'ink';
import { Fragment, type ReactNode } from 'react';
import { tokenProps, useTheme } from '../theme-context.js';

export interface WindowedTableProps<T> {
  rows: readonly T[];
  /** Lines for rows (the header line is extra). */
  height: number;
  top: number;
  selected: number;
  header?: ReactNode;
  /** One line: a <Text wrap="truncate">, so a long row can never wrap and push the frame past the screen. */
  renderRow: (row: T, index: number, selected: boolean) => ReactNode;
  empty?: string;
}

export function WindowedTable<T>({ rows, height, top, selected, header, renderRow, empty }: WindowedTableProps<T>) {
  const theme = useTheme();
  const lines: ReactNode[] = [];
  const end = Math.min(rows.length, top + height);
  // Keys are screen positions, not row ids: scrolling re-uses the same few components with new props.
  for (let i = top; i < end; i += 1) {
    lines.push(<Fragment key={i - top}>{renderRow(rows[i]!, i, i === selected)}</Fragment>);
  }
  if (rows.length === 0 && empty) {
    lines.push(
      <Text key="empty" wrap="truncate" {...tokenProps(theme, 'text.dim')}>
        {empty}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" height={height + (header ? 1 : 0)} overflow="hidden">
      {header ? (
        <Box height={1} overflow="hidden">
          {header}
        </Box>
      ) : null}
      {lines}
    </Box>
  );
}
