// `lbtop status`' columns: a cluster's backends and their servers, one column per LB with the state there (and a
// server's current sessions). The TUI's stats views show the same fleet with their own columns (src/ui/columns).
import type { Column } from '../table.js';

export interface StatusRow {
  name: string;
  /** A server sits under its backend. */
  server: boolean;
  /** The text of each LB's column; absent: the LB does not carry the row. */
  perLb: Readonly<Record<string, string>>;
}

export function statusColumns(lbs: readonly string[]): Column<StatusRow>[] {
  return [
    { id: 'name', header: '', width: 40, align: 'left', before: '  ', cell: (r) => ({ text: r.server ? `  ${r.name}` : r.name }) },
    ...lbs.map((lb): Column<StatusRow> => ({ id: `lb:${lb}`, header: lb, width: 12, align: 'left', cell: (r) => ({ text: r.perLb[lb] ?? '-' }) })),
  ];
}
