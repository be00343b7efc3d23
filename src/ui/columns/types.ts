// A view's columns as data (k9s renderers): a header, a width, and a pure function from row to cell.
import type { StatRow } from '../../model/haproxy.js';
import type { TrendReader } from '../../store/trends.js';
import type { Token } from '../../theme/tokens.js';
import type { StatOnLb, TableRow } from '../rows/types.js';

export interface Cell {
  text: string;
  /** Semantic colour; the row's own token when absent. */
  token?: Token;
}

export interface LbInfo {
  name: string;
  /** No data at all (never polled successfully). */
  down: boolean;
  stale: boolean;
}

export interface CellContext {
  lbs: readonly LbInfo[];
  /** Each row's recent polls, for the sparkline columns; absent where nothing keeps them. */
  trends?: TrendReader;
  /** The terminal does not take UTF-8: sparklines in ASCII. */
  ascii?: boolean;
}

export interface Column {
  id: string;
  header: string;
  width: number;
  align: 'left' | 'right';
  /** Takes the width left over by the fixed columns (NAME). */
  flex?: boolean;
  /** StatRow fields this cell shows, for the changed-cell highlight. */
  fields?: readonly (keyof StatRow)[];
  /** Restrict the highlight to one LB's stats (per-LB state columns). */
  lb?: string;
  cell(row: TableRow, ctx: CellContext): Cell;
  /** What `o` sorts by (a number or text; null sorts last); the cell's text when absent. */
  sortKey?(row: TableRow, ctx: CellContext): number | string | null;
}

export type StatsOf = (row: TableRow) => readonly StatOnLb[];
