// A stats view's columns as data: the generic table column (src/present/table.ts) over the fleet's rows.
import type { StatRow } from '../../model/haproxy.js';
import type { TrendReader } from '../../store/trends.js';
import type { Column as TableColumn } from '../../present/table.js';
import type { StatOnLb, TableRow } from '../rows/types.js';

export type { Cell } from '../../present/table.js';

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

/** A stats view's column: the generic table column (src/present/table.ts) over fleet rows, with the highlight's fields. */
export interface Column extends TableColumn<TableRow, CellContext> {
  /** StatRow fields this cell shows, for the changed-cell highlight. */
  fields?: readonly (keyof StatRow)[];
  /** Restrict the highlight to one LB's stats (per-LB state columns). */
  lb?: string;
}

export type StatsOf = (row: TableRow) => readonly StatOnLb[];
