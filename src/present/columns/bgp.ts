// The BGP table's columns (TUI view and `lbtop vip status`): one row per BIRD protocol on each LB, with its state
// and the routes it imports and exports.
import { exportedRoutes, importedRoutes } from '../../sources/bird/route-counts.js';
import type { FailoverState } from '../../store/failover-store.js';
import type { Column } from '../table.js';

export interface BgpRow {
  lb: string;
  protocol: string;
  proto: string;
  state: string;
  since: string;
  info: string;
  imported: number | null;
  exported: number | null;
  stale: boolean;
}

export function bgpRows(state: FailoverState): BgpRow[] {
  return state.hosts.flatMap((h) => {
    const r = h.bird?.value;
    if (!r) return [];
    return r.protocols.map((p) => ({ lb: h.lb, protocol: p.name, proto: p.proto, state: p.state, since: p.since, info: p.info, imported: importedRoutes(r, p.name), exported: exportedRoutes(r, p.name), stale: h.bird?.stale ?? false }));
  });
}

const col = (id: string, header: string, width: number, align: 'left' | 'right', of: (r: BgpRow) => string): Column<BgpRow> => ({ id, header, width, align, cell: (r) => ({ text: of(r) }) });

export const bgpColumns: Column<BgpRow>[] = [
  col('host', 'HOST', 12, 'left', (r) => r.lb),
  col('protocol', 'PROTOCOL', 16, 'left', (r) => r.protocol),
  col('proto', 'PROTO', 8, 'left', (r) => r.proto),
  { ...col('state', 'STATE', 6, 'left', (r) => r.state), cell: (r) => ({ text: r.state, token: r.state === 'up' ? 'status.up' : r.state === 'down' ? 'status.down' : 'status.drain' }) },
  col('since', 'SINCE', 20, 'left', (r) => r.since),
  col('imported', 'IMPORTED', 9, 'right', (r) => String(r.imported ?? '-')),
  col('exported', 'EXPORTED', 9, 'right', (r) => String(r.exported ?? '-')),
  { ...col('info', 'INFO', 0, 'left', (r) => `${r.info}${r.stale ? ' (stale)' : ''}`), rest: true, before: '  ' },
];
