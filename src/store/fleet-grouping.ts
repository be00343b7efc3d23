// The pure steps of a fleet build: one logical backend from its rows, and the grouping of frontends and backends
// into clusters. FleetBuilder (fleet-builder.ts) decides which backends to build again; these build them.
//
// Grouping: a backend/frontend goes to the first configured cluster that claims it (config order). What no
// cluster claims goes to an implicit group named after the LB that carries it, or after all the LBs that
// carry it joined with "+" ("lb-0+lb-1"), so an unconfigured pair still reads as one group.
import type { ClusterConfig, LbtopConfig, NameMatcher } from '../model/config.js';
import type { ClusterGroup, Fleet, LbState, LogicalBackend, LogicalFrontend, LogicalServer, ServerOnLb } from '../model/fleet.js';
import type { ServerState, StatRow } from '../model/haproxy.js';

/**
 * What one logical backend is built from, in the order met: [lb, BACKEND row] and [lb, server row, state]
 * entries flattened into one array. Equal inputs (element by element, by reference) give an equal backend.
 */
export type BackendInputs = unknown[];

/**
 * The backend of `list`. A server whose rows and states are the objects `before` had for it keeps its
 * LogicalServer, so the table rows built for it can be re-used by identity (flatten.ts).
 */
export function backendFrom(name: string, list: BackendInputs, before?: LogicalBackend): LogicalBackend {
  const backend: LogicalBackend = { name, cluster: '', perLb: {}, servers: [] };
  const servers = new Map<string, LogicalServer>();
  for (let i = 0; i < list.length; i += 3) {
    const lb = list[i] as string;
    const row = list[i + 1] as StatRow;
    if (row.kind === 'backend') {
      backend.perLb[lb] = row;
      continue;
    }
    let server = servers.get(row.name);
    if (!server) {
      servers.set(row.name, (server = { backend: name, name: row.name, address: row.addr, perLb: {} }));
      backend.servers.push(server);
    }
    if (!server.address && row.addr) server.address = row.addr;
    server.perLb[lb] = { lb, row, state: (list[i + 2] as ServerState | null) ?? null };
  }
  if (before) {
    const kept = new Map(before.servers.map((server) => [server.name, server]));
    backend.servers = backend.servers.map((server) => {
      const old = kept.get(server.name);
      return old && sameServer(old, server) ? old : server;
    });
  }
  return backend;
}

function sameServer(a: LogicalServer, b: LogicalServer): boolean {
  if (a.address !== b.address) return false;
  const lbs = Object.keys(b.perLb);
  if (Object.keys(a.perLb).length !== lbs.length) return false;
  return lbs.every((lb) => sameOnLb(a.perLb[lb], b.perLb[lb]!));
}

function sameOnLb(a: ServerOnLb | undefined, b: ServerOnLb): boolean {
  return a !== undefined && a.row === b.row && a.state === b.state;
}

export function group(
  config: Pick<LbtopConfig, 'clusters'>,
  lbs: ReadonlyMap<string, LbState>,
  frontends: ReadonlyMap<string, LogicalFrontend>,
  backends: ReadonlyMap<string, LogicalBackend>,
): Fleet {
  const groups = new Map<string, ClusterGroup>();
  for (const cluster of config.clusters) groups.set(cluster.name, emptyGroup(cluster.name, false));
  const groupFor = (name: string, lbNames: string[], pick: (c: ClusterConfig) => NameMatcher[]): ClusterGroup => {
    const cluster = config.clusters.find((c) => pick(c).some((m) => m.test(name)));
    const groupName = cluster?.name ?? lbNames.join('+');
    let group = groups.get(groupName);
    if (!group) groups.set(groupName, (group = emptyGroup(groupName, true)));
    for (const lb of lbNames) if (!group.lbs.includes(lb)) group.lbs.push(lb);
    return group;
  };
  const lbOrder = [...lbs.keys()];
  const lbsOf = (perLb: Record<string, unknown>) => lbOrder.filter((lb) => lb in perLb);

  for (const frontend of frontends.values()) {
    const group = groupFor(frontend.name, lbsOf(frontend.perLb), (c) => c.frontends);
    frontend.cluster = group.name;
    group.frontends.push(frontend);
  }
  for (const backend of backends.values()) {
    const onLbs = lbsOf(backend.perLb).length > 0 ? lbsOf(backend.perLb) : lbsOf(backend.servers[0]?.perLb ?? {});
    const group = groupFor(backend.name, onLbs, (c) => c.backends);
    backend.cluster = group.name;
    group.backends.push(backend);
  }

  const health = lbOrder.map((lb) => lbs.get(lb)!.health);
  // Configured clusters keep config order (even when empty: an empty cluster is a finding); implicit ones follow.
  const clusters = [...groups.values()].filter((g) => !g.implicit || g.backends.length + g.frontends.length > 0);
  return { clusters, lbs: health };
}

function emptyGroup(name: string, implicit: boolean): ClusterGroup {
  return { name, implicit, frontends: [], backends: [], lbs: [] };
}
