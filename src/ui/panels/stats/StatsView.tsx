// Views 1–4: the fleet table with the view's column set (see src/ui/columns/).
import { useMemo } from 'react';
import type { TrendReader } from '../../../store/trends.js';
import type { StoreState } from '../../../store/types.js';
import { useTheme } from '../../theme-context.js';
import { columnsFor, fitColumns } from '../../columns/index.js';
import type { LbInfo } from '../../columns/types.js';
import { drawCells, StatsHeader, StatsRow } from '../../components/StatsRow.js';
import { WindowedTable } from '../../components/WindowedTable.js';
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
  const lbKey = p.lbs.map((l) => `${l.name}:${l.down}:${l.stale}`).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the columns depend on the LBs' names and states only (lbKey), not on the array's identity
  const columns = useMemo(() => fitColumns(columnsFor(p.view, p.lbs), p.width), [p.view, lbKey, p.width]);
  const ascii = useTheme().ascii;
  const ctx = useMemo(() => ({ lbs: p.lbs, trends: p.trends, ascii }), [lbKey, p.trends, ascii]); // eslint-disable-line react-hooks/exhaustive-deps -- as above
  return (
    <WindowedTable
      rows={p.rows}
      height={p.height}
      top={p.top}
      selected={p.selected}
      header={<StatsHeader columns={columns} sort={p.sort ?? null} ascii={ascii} />}
      empty={p.filtered ? 'no row matches the filter (Esc clears it)' : 'no data yet: waiting for the first poll of any LB'}
      renderRow={(row, _i, selected) => (
        <StatsRow kind={row.kind} cells={drawCells(row, columns, ctx, p.changedCells, p.now)} selected={selected} />
      )}
    />
  );
}
