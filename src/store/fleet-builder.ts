// buildFleet for a running TUI: keeps the logical backends of the previous build and builds again only those
// whose rows or server states are not the objects they were (fleet-changes.ts); the poll parser re-uses the
// object of every row whose line did not change. An idle refresh of 10,000 servers allocates almost nothing, and
// one where checks and traffic moved a few dozen backends rebuilds those alone, so the table rows of all the
// others (and of every unchanged server) are re-used by identity too.
import type { LbtopConfig } from '../model/config.js';
import type { ClusterGroup, Fleet, LbState, LogicalBackend, LogicalFrontend } from '../model/fleet.js';
import { changesBetween, type FleetChanges, type FleetSource } from './fleet-changes.js';
import { backendFrom, group, type BackendInputs } from './fleet-grouping.js';

/** Where a backend's rows sit: [LB's position in the sources, row index] pairs, in the order met. */
type Slots = number[];

interface Kept {
  inputs: BackendInputs;
  backend: LogicalBackend;
  slots: Slots;
  /** Per slot, the `show servers state` key of its server row ("backend/server"), undefined for a BACKEND row. */
  keys: (string | undefined)[];
}

export class FleetBuilder {
  private previous = new Map<string, Kept>();
  private previousFrontends = new Map<string, LogicalFrontend>();
  private frontendSlots = new Map<string, Slots>();
  private previousSources: FleetSource[] = [];
  private previousGroups: { config: object; clusters: Fleet['clusters'] } | null = null;

  build(config: Pick<LbtopConfig, 'clusters'>, lbs: ReadonlyMap<string, LbState>): Fleet {
    const sources: FleetSource[] = [...lbs].map(([lb, state]) => ({ lb, stats: state.snapshot?.stats ?? [], servers: state.snapshot?.servers ?? null }));
    const changes = this.previousGroups ? changesBetween(this.previousSources, sources) : null;
    this.previousSources = sources;
    const health = () => [...lbs.values()].map((state) => state.health);
    if (changes && changes.backends.size === 0 && changes.frontends.size === 0) {
      // The common idle refresh: the same rows grouped by the same config give the same clusters (and the same
      // table rows downstream); grouping anew would make the table flatten 10,000 rows again for nothing.
      if (this.previousGroups!.config === config) return { clusters: this.previousGroups!.clusters, lbs: health() };
    } else if (changes && this.patch(sources, changes)) {
      // The same proxies on the same LBs, so the same grouping: the clusters with the new objects in their places.
      if (this.previousGroups!.config === config) {
        const clusters = this.previousGroups!.clusters.map((cluster) => this.regrouped(cluster));
        this.previousGroups = { config, clusters };
        return { clusters, lbs: health() };
      }
    } else {
      this.rebuild(lbs, sources);
    }
    const backends = new Map<string, LogicalBackend>();
    for (const [name, kept] of this.previous) backends.set(name, kept.backend);
    const fleet = group(config, lbs, this.previousFrontends, backends);
    this.previousGroups = { config, clusters: fleet.clusters };
    return fleet;
  }

  /** Builds the changed backends (and the frontends) again in place; false when a backend is new to this builder. */
  private patch(sources: readonly FleetSource[], changes: FleetChanges): boolean {
    const rebuilt = new Map<string, Kept>();
    for (const [name, servers] of changes.backends) {
      const before = this.previous.get(name);
      if (!before) return false;
      rebuilt.set(name, servers ? withInputs(before, inputsAt(sources, before)) : withBackendRows(before, sources));
    }
    // Map.set on a key already there keeps its place: the backends stay in the order they were met.
    for (const [name, kept] of rebuilt) this.previous.set(name, kept);
    if (changes.frontends.size > 0) {
      const frontends = new Map(this.previousFrontends);
      for (const name of changes.frontends) {
        const slots = this.frontendSlots.get(name);
        if (!slots) return false;
        frontends.set(name, frontendAt(sources, name, slots));
      }
      this.previousFrontends = frontends;
    }
    return true;
  }

  private regrouped(cluster: ClusterGroup): ClusterGroup {
    const frontends = cluster.frontends.map((old) => this.previousFrontends.get(old.name)!);
    const backends = cluster.backends.map((old) => this.previous.get(old.name)!.backend);
    for (const x of frontends) x.cluster = cluster.name;
    for (const x of backends) x.cluster = cluster.name;
    return { ...cluster, frontends, backends };
  }

  private rebuild(lbs: ReadonlyMap<string, LbState>, sources: readonly FleetSource[]): void {
    const slotsOf = new Map<string, Slots>();
    const frontendSlots = new Map<string, Slots>();
    sources.forEach((source, l) => {
      if (!lbs.get(source.lb)?.snapshot) return;
      source.stats.forEach((row, i) => {
        const of = row.kind === 'frontend' ? frontendSlots : row.kind === 'backend' || row.kind === 'server' ? slotsOf : null;
        const slots = of?.get(row.proxy);
        if (slots) slots.push(l, i);
        else of?.set(row.proxy, [l, i]);
      });
    });
    const kept = new Map<string, Kept>();
    for (const [name, slots] of slotsOf) {
      const keys = keysAt(sources, slots);
      const inputs = inputsAt(sources, { slots, keys });
      const before = this.previous.get(name);
      const backend = before && sameInputs(before.inputs, inputs) ? before.backend : backendFrom(name, inputs, before?.backend);
      kept.set(name, { inputs, backend, slots, keys });
    }
    this.previous = kept;
    this.frontendSlots = frontendSlots;
    this.previousFrontends = frontendsAt(sources, frontendSlots, this.previousFrontends);
  }
}

/** A backend's inputs (see BackendInputs) from the rows at its slots. */
function inputsAt(sources: readonly FleetSource[], { slots, keys }: Pick<Kept, 'slots' | 'keys'>): BackendInputs {
  const inputs: BackendInputs = [];
  for (let k = 0; k < slots.length; k += 2) {
    const source = sources[slots[k]!]!;
    const row = source.stats[slots[k + 1]!]!;
    const key = keys[k / 2];
    inputs.push(source.lb, row, key === undefined ? undefined : (source.servers?.get(key) ?? null));
  }
  return inputs;
}

function keysAt(sources: readonly FleetSource[], slots: Slots): (string | undefined)[] {
  const keys: (string | undefined)[] = [];
  for (let k = 0; k < slots.length; k += 2) {
    const row = sources[slots[k]!]!.stats[slots[k + 1]!]!;
    keys.push(row.kind === 'server' ? `${row.proxy}/${row.name}` : undefined);
  }
  return keys;
}

function withInputs(before: Kept, inputs: BackendInputs): Kept {
  if (sameInputs(before.inputs, inputs)) return before;
  return { ...before, inputs, backend: backendFrom(before.backend.name, inputs, before.backend) };
}

/**
 * Only the BACKEND rows moved (traffic on an off-screen backend, whose servers are read every few polls): the
 * new rows go in, and the servers are the very objects they were, without looking at them one by one.
 */
function withBackendRows(before: Kept, sources: readonly FleetSource[]): Kept {
  const inputs = before.inputs.slice();
  const perLb: LogicalBackend['perLb'] = {};
  for (let k = 0; k < before.slots.length; k += 2) {
    if (before.keys[k / 2] !== undefined) continue;
    const source = sources[before.slots[k]!]!;
    const row = source.stats[before.slots[k + 1]!]!;
    inputs[(k / 2) * 3 + 1] = row;
    perLb[source.lb] = row;
  }
  return { ...before, inputs, backend: { ...before.backend, perLb } };
}

/** The frontends at these slots; one whose rows are the objects it had in `before` is that object (flatten.ts). */
function frontendsAt(sources: readonly FleetSource[], slots: ReadonlyMap<string, Slots>, before: ReadonlyMap<string, LogicalFrontend>): Map<string, LogicalFrontend> {
  const frontends = new Map<string, LogicalFrontend>();
  for (const [name, at] of slots) {
    const frontend = frontendAt(sources, name, at);
    const old = before.get(name);
    const lbs = Object.keys(frontend.perLb);
    const same = old && Object.keys(old.perLb).length === lbs.length && lbs.every((lb) => old.perLb[lb] === frontend.perLb[lb]);
    frontends.set(name, same ? old : frontend);
  }
  return frontends;
}

function frontendAt(sources: readonly FleetSource[], name: string, slots: Slots): LogicalFrontend {
  const frontend: LogicalFrontend = { name, cluster: '', perLb: {} };
  for (let k = 0; k < slots.length; k += 2) {
    const source = sources[slots[k]!]!;
    frontend.perLb[source.lb] = source.stats[slots[k + 1]!]!;
  }
  return frontend;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
