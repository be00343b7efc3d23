// Views 1–4: the fleet table with the view's column set (see src/ui/columns/).
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { TrendReader } from '../../../store/trends.js';
import type { StoreState } from '../../../store/types.js';
import { tokenProps, useTheme } from '../../theme-context.js';
import { columnsFor, fitColumns } from '../../columns/index.js';
import type { LbInfo } from '../../columns/types.js';
import { headerText, NO_DATA_YET, statsRowLines } from '../../columns/draw-cells.js';
import { useAgeTick, type AgeTicks } from '../../hooks/useAgeTicks.js';
import type { TableRow } from '../../rows/types.js';
import type { StatsViewId } from '../../state/views.js';

export interface StatsViewProps {
  view: StatsViewId;
  rows: readonly TableRow[];
  lbs: readonly LbInfo[];
  width: number;
  /** Lines for the rows (the column header is one more). */
  height: number;
  selected: number;
  top: number;
  changedCells: StoreState['changedCells'];
  now: number;
  filtered: boolean;
  /** Re-renders the table alone when a quiet poll moved only the ages on screen. */
  ageTicks?: AgeTicks;
  /** Each row's recent polls (the sparkline columns). */
  trends?: TrendReader;
  /** The sort in force, marked in the header (▲ lowest first, ▼ highest first). */
  sort?: { column: string; desc: boolean } | null;
}

export function StatsView(p: StatsViewProps) {
  useAgeTick(p.ageTicks);
  const theme = useTheme();
  const lbKey = p.lbs.map((l) => `${l.name}:${l.down}:${l.stale}`).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the columns depend on the LBs' names and states only (lbKey), not on the array's identity
  const columns = useMemo(() => fitColumns(columnsFor(p.view, p.lbs), p.width), [p.view, lbKey, p.width]);
  const ascii = theme.ascii === true;
  const ctx = useMemo(() => ({ lbs: p.lbs, trends: p.trends, ascii }), [lbKey, p.trends, ascii]); // eslint-disable-line react-hooks/exhaustive-deps -- as above
  // The rows on screen as one styled text, one line per row: one node for Ink to lay out and measure, where a
  // <Text> per row and per coloured cell made Ink's layout and text measuring most of a frame's cost (issue 13).
  const lines = statsRowLines(p.rows, p, columns, ctx, p.changedCells, p.now, theme);
  const empty = p.filtered ? 'no row matches the filter (Esc clears it)' : NO_DATA_YET;
  return (
    <Box flexDirection="column" height={p.height + 1} overflow="hidden">
      <Box height={1} overflow="hidden">
        <Text wrap="truncate" {...tokenProps(theme, 'table.header')}>
          {headerText(columns, p.sort ?? null, ascii)}
        </Text>
      </Box>
      {lines.length > 0 ? (
        <Text>{lines.join('\n')}</Text>
      ) : (
        <Text wrap="truncate" {...tokenProps(theme, 'text.dim')}>
          {empty}
        </Text>
      )}
    </Box>
  );
}
