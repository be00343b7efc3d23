// One line of the fleet table. Rows are flattened once per store revision (and per filter), then only the
// visible slice is ever turned into cells.
import type { ServerState, StatRow } from '../../model/haproxy.js';

/** One LB's stats row behind a table row. */
export interface StatOnLb {
  lb: string;
  row: StatRow;
  state: ServerState | null;
  /** The LB's latest poll failed: this is its last good value. */
  stale: boolean;
}

export type RowKind = 'cluster' | 'frontend' | 'backend' | 'server' | 'sublb';

export interface TableRow {
  /** Unique and stable across refreshes, so the selection follows the row, not the index. */
  key: string;
  kind: RowKind;
  /** Shown in the NAME column (indented by kind). */
  name: string;
  /** What `:` jumps by: cluster, frontend or backend name, "backend/server", "backend/server@lb". */
  ref: string;
  cluster: string;
  /** For backend, server and sublb rows. */
  backend?: string;
  /** For server and sublb rows. */
  server?: string;
  /** For sublb rows: the one LB this row shows. */
  lb?: string;
  /** LBs carrying this row's cluster: an LB outside it shows blank, an LB inside it without the row shows "—". */
  clusterLbs: readonly string[];
  /** The per-LB rows this row sums; for a sublb row, just its LB. Empty for cluster rows. */
  stats: readonly StatOnLb[];
}
