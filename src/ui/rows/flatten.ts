// Fleet → the flat row list the table windows over: cluster → frontends → backends → servers (→ one sub-row
// per LB when expanded). Done once per store revision / filter / expand toggle, never per keypress.
//
// The filter is case-insensitive and incremental. A cluster or backend whose name matches keeps all its
// rows; a server matches on its name, "backend/server", address, or any LB's status or check ("/down",
// "/drain", "/l4con" narrow to the servers in trouble); matched rows keep their cluster and backend rows.
import type { ClusterGroup, Fleet, LogicalBackend, LogicalFrontend, LogicalServer } from '../../model/fleet.js';
import type { StatRow } from '../../model/haproxy.js';
import type { StatOnLb, TableRow } from './types.js';

export interface FlattenOptions {
  expanded: boolean;
  filter: string;
}

const BACKEND_ROWS = new WeakMap<LogicalBackend, { context: string; rows: TableRow[] }>();
const FRONTEND_ROWS = new WeakMap<LogicalFrontend, { context: string; row: TableRow }>();
/** A server's rows (its own and, expanded, one per LB): the fleet builder keeps a LogicalServer that did not change. */
const SERVER_ROWS = new WeakMap<LogicalServer, { context: string; rows: TableRow[] }>();

export function flattenFleet(fleet: Fleet, options: FlattenOptions): TableRow[] {
  const order = fleet.lbs.map((h) => h.name);
  const stale = new Set(fleet.lbs.filter((h) => h.stale).map((h) => h.name));
  const query = options.filter.trim().toLowerCase();
  const match = (text: string) => query === '' || text.toLowerCase().includes(query);
  const rowsOf = (perLb: Record<string, StatRow>): StatOnLb[] =>
    order.filter((lb) => perLb[lb]).map((lb) => ({ lb, row: perLb[lb]!, state: null, stale: stale.has(lb) }));
  const out: TableRow[] = [];

  for (const cluster of fleet.clusters) {
    // The cluster's rows go straight into `out` after a slot for its heading (one array of 10,000, not two).
    const heading = out.length;
    out.push(null as unknown as TableRow);
    const rows = out;
    const all = match(cluster.name);
    const context = `${cluster.name}\0${cluster.lbs.join(' ')}\0${order.join(' ')}\0${[...stale].join(' ')}\0${query}\0${options.expanded}`;
    for (const fe of cluster.frontends) {
      if (all || match(fe.name)) {
        const cached = FRONTEND_ROWS.get(fe);
        if (cached && cached.context === context) {
          rows.push(cached.row);
          continue;
        }
        const row: TableRow = { key: `f\0${cluster.name}\0${fe.name}`, kind: 'frontend', name: `${fe.name} (frontend)`, ref: fe.name, cluster: cluster.name, clusterLbs: cluster.lbs, stats: rowsOf(fe.perLb) };
        FRONTEND_ROWS.set(fe, { context, row });
        rows.push(row);
      }
    }
    for (const be of cluster.backends) {
      // A backend the fleet builder re-used (its rows did not change) keeps its table rows too.
      const cached = BACKEND_ROWS.get(be);
      if (cached && cached.context === context) {
        for (const row of cached.rows) rows.push(row);
        continue;
      }
      const built: TableRow[] = [];
      pushBackend(built, cluster, be, all || match(be.name), match, order, stale, options.expanded, context);
      BACKEND_ROWS.set(be, { context, rows: built });
      for (const row of built) rows.push(row);
    }
    // An empty configured cluster is still listed (it is a finding); under a filter, only if it matched.
    if (out.length > heading + 1 || all) out[heading] = clusterRow(cluster);
    else out.length = heading;
  }
  return out;
}

function clusterRow(cluster: ClusterGroup): TableRow {
  const label = cluster.implicit ? `${cluster.name} (not in a configured cluster)` : cluster.name;
  return { key: `c\0${cluster.name}`, kind: 'cluster', name: `${label}  [${cluster.lbs.join(' ')}]`, ref: cluster.name, cluster: cluster.name, clusterLbs: cluster.lbs, stats: [] };
}

function serverText(server: LogicalServer): string {
  const parts = [server.name, `${server.backend}/${server.name}`, server.address];
  for (const on of Object.values(server.perLb)) parts.push(on.row.status, on.row.checkStatus);
  return parts.join('\n');
}

function pushBackend(
  out: TableRow[],
  cluster: ClusterGroup,
  be: LogicalBackend,
  all: boolean,
  match: (text: string) => boolean,
  order: readonly string[],
  stale: ReadonlySet<string>,
  expanded: boolean,
  context: string,
): void {
  const servers: TableRow[] = [];
  for (const server of be.servers) {
    if (!all && !match(serverText(server))) continue;
    // With checks and traffic, a backend changes on most polls but only a few of its servers do.
    const cached = SERVER_ROWS.get(server);
    if (cached && cached.context === context) {
      for (const row of cached.rows) servers.push(row);
      continue;
    }
    const first = servers.length;
    const stats = order
      .filter((lb) => server.perLb[lb])
      .map((lb) => ({ lb, row: server.perLb[lb]!.row, state: server.perLb[lb]!.state, stale: stale.has(lb) }));
    const base = { cluster: cluster.name, clusterLbs: cluster.lbs, backend: be.name, server: server.name };
    servers.push({ ...base, key: `s\0${be.name}\0${server.name}`, kind: 'server', name: server.name, ref: `${be.name}/${server.name}`, stats });
    if (expanded && stats.length > 1) {
      for (const s of stats) servers.push({ ...base, key: `l\0${be.name}\0${server.name}\0${s.lb}`, kind: 'sublb', name: s.lb, ref: `${be.name}/${server.name}@${s.lb}`, lb: s.lb, stats: [s] });
    }
    SERVER_ROWS.set(server, { context, rows: servers.slice(first) });
  }
  if (!all && servers.length === 0) return;
  const stats = order.filter((lb) => be.perLb[lb]).map((lb) => ({ lb, row: be.perLb[lb]!, state: null, stale: stale.has(lb) }));
  out.push({ key: `b\0${cluster.name}\0${be.name}`, kind: 'backend', name: be.name, ref: be.name, cluster: cluster.name, clusterLbs: cluster.lbs, backend: be.name, stats });
  for (const row of servers) out.push(row);
}
