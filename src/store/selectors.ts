// From LB snapshots to the fleet the UI shows: clusters → logical backends/frontends → servers, one state
// per LB. The same backend name on several LBs is one logical backend (seed 002: a keepalived pair).
//
// Grouping: a backend/frontend goes to the first configured cluster that claims it (config order). What no
// cluster claims goes to an implicit group named after the LB that carries it, or after all the LBs that
// carry it joined with "+" ("lb-0+lb-1"), so an unconfigured pair still reads as one group.
import type { ClusterConfig, LbtopConfig, NameMatcher } from '../model/config.js';
import type { ClusterGroup, Fleet, LbState, LogicalBackend, LogicalFrontend, LogicalServer } from '../model/fleet.js';
import type { ServerState, StatRow } from '../model/haproxy.js';
import type { StoreReader } from './types.js';

export function buildFleet(config: Pick<LbtopConfig, 'clusters'>, lbs: ReadonlyMap<string, LbState>): Fleet {
  return new FleetBuilder().build(config, lbs);
}

/**
 * What one logical backend is built from, in the order met: [lb, BACKEND row] and [lb, server row, state]
 * entries flattened into one array. Equal inputs (element by element, by reference) give an equal backend.
 */
type BackendInputs = unknown[];

/** One LB's rows and server states, compared by reference between builds. */
interface Source {
  lb: string;
  stats: readonly unknown[];
  servers: ReadonlyMap<string, unknown> | null;
}

/**
 * buildFleet for a running TUI: keeps the logical backends of the previous build and re-uses each one whose
 * rows are the same objects as last time (the poll parser re-uses unchanged rows), so a refresh of 10,000 idle
 * servers allocates almost nothing and the table rows of those backends can be re-used by identity too.
 */
export class FleetBuilder {
  private previous = new Map<string, { inputs: BackendInputs; backend: LogicalBackend }>();
  private previousFrontends = new Map<string, LogicalFrontend>();
  private previousSources: Source[] = [];
  private previousGroups: { config: object; clusters: Fleet['clusters'] } | null = null;

  build(config: Pick<LbtopConfig, 'clusters'>, lbs: ReadonlyMap<string, LbState>): Fleet {
    // The common refresh: every LB's rows and server states are the objects of the previous build.
    const sources = [...lbs].map(([lb, state]) => ({ lb, stats: state.snapshot?.stats ?? [], servers: state.snapshot?.servers ?? null }));
    if (sameSources(this.previousSources, sources)) {
      this.previousSources = sources;
      // The same rows grouped by the same config: the same clusters (the table rows downstream are kept too).
      const health = [...lbs.values()].map((state) => state.health);
      if (this.previousGroups && this.previousGroups.config === config) return { clusters: this.previousGroups.clusters, lbs: health };
      const backends = new Map([...this.previous].map(([name, kept]) => [name, kept.backend]));
      const fleet = group(config, lbs, this.previousFrontends, backends);
      this.previousGroups = { config, clusters: fleet.clusters };
      return fleet;
    }
    this.previousSources = sources;
    const inputs = new Map<string, BackendInputs>();
    const frontends = new Map<string, LogicalFrontend>();
    const inputsOf = (proxy: string) => {
      let list = inputs.get(proxy);
      if (!list) inputs.set(proxy, (list = []));
      return list;
    };
    for (const [lb, state] of lbs) {
      const snapshot = state.snapshot;
      if (!snapshot) continue;
      for (const row of snapshot.stats) {
        if (row.kind === 'backend') inputsOf(row.proxy).push(lb, row, undefined);
        else if (row.kind === 'server') inputsOf(row.proxy).push(lb, row, snapshot.servers?.get(`${row.proxy}/${row.name}`) ?? null);
        else if (row.kind === 'frontend') {
          let frontend = frontends.get(row.proxy);
          if (!frontend) frontends.set(row.proxy, (frontend = { name: row.proxy, cluster: '', perLb: {} }));
          frontend.perLb[lb] = row;
        }
      }
    }
    const backends = new Map<string, LogicalBackend>();
    const kept = new Map<string, { inputs: BackendInputs; backend: LogicalBackend }>();
    for (const [name, list] of inputs) {
      const before = this.previous.get(name);
      const backend = before && sameInputs(before.inputs, list) ? before.backend : backendFrom(name, list);
      backends.set(name, backend);
      kept.set(name, { inputs: list, backend });
    }
    this.previous = kept;
    this.previousFrontends = frontends;
    const fleet = group(config, lbs, frontends, backends);
    // Kept for the quiet builds that follow: grouping anew would hand out new clusters for the same rows, and
    // the table would be flattened again (10,000 rows) for nothing on the first quiet poll after any change.
    this.previousGroups = { config, clusters: fleet.clusters };
    return fleet;
  }
}

function sameSources(a: readonly Source[], b: readonly Source[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.lb !== y.lb || !sameInputs(x.stats, y.stats)) return false;
    if (x.servers === y.servers) continue;
    if (!x.servers || !y.servers || x.servers.size !== y.servers.size) return false;
    const theirs = x.servers.values();
    for (const state of y.servers.values()) if (theirs.next().value !== state) return false;
  }
  return true;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function backendFrom(name: string, list: BackendInputs): LogicalBackend {
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
  return backend;
}

function group(
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

/** An LB's `show servers state` from its last poll, when that poll succeeded (null when failing, stale or unread). */
export function polledServerStates(store: StoreReader, lb: string): ReadonlyMap<string, ServerState> | null {
  const state = store.getState().lbs.get(lb);
  if (!state || !state.health.ok || state.health.stale) return null;
  return state.snapshot?.servers ?? null;
}
