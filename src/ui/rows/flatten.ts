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

/**
 * The strings of a server's rows that never change (its key and ref), kept across rebuilds: with checks and
 * traffic a thousand server rows are rebuilt between two full reads at 10,000 servers, and each rebuilt row that
 * made its strings anew left them to V8's old generation (they live until the next change).
 */
const SERVER_NAMES = new Map<string, { key: string; ref: string }>();
const MAX_SERVER_NAMES = 200_000;

function serverNames(backend: string, server: string): { key: string; ref: string } {
  const ref = `${backend}/${server}`;
  let names = SERVER_NAMES.get(ref);
  if (names === undefined) {
    if (SERVER_NAMES.size >= MAX_SERVER_NAMES) SERVER_NAMES.clear();
    names = { key: `s\0${backend}\0${server}`, ref };
    SERVER_NAMES.set(ref, names);
  }
  return names;
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
  const first = out.length;
  // The backend's row first (its slot is filled once its servers are known: an unmatched backend has none).
  out.push(null as unknown as TableRow);
  for (const server of be.servers) {
    if (!all && !match(serverText(server))) continue;
    // With checks and traffic, a backend changes on most polls but only a few of its servers do.
    const cached = SERVER_ROWS.get(server);
    if (cached && cached.context === context) {
      for (const row of cached.rows) out.push(row);
      continue;
    }
    const stats: StatOnLb[] = [];
    for (const lb of order) {
      const on = server.perLb[lb];
      if (on) stats.push({ lb, row: on.row, state: on.state, stale: stale.has(lb) });
    }
    const { key, ref } = serverNames(be.name, server.name);
    const row: TableRow = { key, kind: 'server', name: server.name, ref, cluster: cluster.name, clusterLbs: cluster.lbs, backend: be.name, server: server.name, stats };
    out.push(row);
    if (expanded && stats.length > 1) {
      const rows = [row];
      for (const s of stats) {
        const sub: TableRow = { key: `l\0${be.name}\0${server.name}\0${s.lb}`, kind: 'sublb', name: s.lb, ref: `${ref}@${s.lb}`, cluster: cluster.name, clusterLbs: cluster.lbs, backend: be.name, server: server.name, lb: s.lb, stats: [s] };
        rows.push(sub);
        out.push(sub);
      }
      SERVER_ROWS.set(server, { context, rows });
    } else SERVER_ROWS.set(server, { context, rows: [row] });
  }
  if (!all && out.length === first + 1) {
    out.length = first;
    return;
  }
  const stats = order.filter((lb) => be.perLb[lb]).map((lb) => ({ lb, row: be.perLb[lb]!, state: null, stale: stale.has(lb) }));
  out[first] = { key: `b\0${cluster.name}\0${be.name}`, kind: 'backend', name: be.name, ref: be.name, cluster: cluster.name, clusterLbs: cluster.lbs, backend: be.name, stats };
}
