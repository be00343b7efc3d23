// What the TABLES panel reads and plans through (AppServices.tables): every LB's tables and peers, one table's
// entries on every LB that has it (filtered with the data name each LB's version takes), and the clear plan.
// Implemented over the fleet's runtime clients by src/runtime/tables-ui-services.ts.
import type { Plan } from '../../../actions/types.js';
import type { PeersReading, StickTableDump, StickTableInfo } from '../../../model/tables.js';
import type { TableFilter } from '../../../sources/haproxy/tables/filter.js';

export interface TablesOverview {
  lists: ({ lb: string; tables: StickTableInfo[] } | { lb: string; error: string })[];
  peers: PeersReading[];
}

export interface LbEntries {
  lb: string;
  /** null: no table of that name on this LB. */
  dump: StickTableDump | null;
  /** The command HAProxy was sent (with the filter's data name), and whether lbtop filtered instead. */
  command?: string;
  filteredByLbtop?: boolean;
  error?: string;
}

export interface TablesServices {
  overview(): Promise<TablesOverview>;
  entries(table: string, filter: TableFilter | null): Promise<LbEntries[]>;
  /** The clear of one key on every LB that has the table: a Plan for the one preview dialog. */
  planClear(table: string, key: string): Promise<Plan>;
}
