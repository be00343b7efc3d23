// The failover state of every LB (keepalived, heartbeat, BIRD, addresses), fed by the failover pollers. Like the
// FleetStore, a failed poll keeps the last good value, marked stale with the error. Every change is diffed into
// timeline events (failover-diff.ts), handed to `onEvents` (the FleetStore's timeline).
import type { ClusterConfig } from '../model/config.js';
import type { TimelineEvent } from '../model/events.js';
import type { HostFailoverState, SourceState, VipRow } from '../model/failover-state.js';
import { hostEvents, vipEvents } from './failover-diff.js';
import { vipRows } from './vip-rows.js';

export type FailoverSource = 'keepalived' | 'heartbeat' | 'bird' | 'addresses';

export interface FailoverState {
  hosts: readonly HostFailoverState[];
  vips: readonly VipRow[];
  revision: number;
}

export interface FailoverStoreOptions {
  clusters?: readonly ClusterConfig[];
  onEvents?: (events: TimelineEvent[]) => void;
  now?: () => number;
}

const empty = <T>(): SourceState<T> => ({ value: null, error: null, stale: false, at: null });

export class FailoverStore {
  private state: FailoverState;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(
    lbs: { name: string; sources: FailoverSource[] }[],
    private readonly options: FailoverStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const hosts = lbs.map((lb) => {
      const host: HostFailoverState = { lb: lb.name, addresses: empty() };
      if (lb.sources.includes('keepalived')) host.keepalived = empty();
      if (lb.sources.includes('heartbeat')) host.heartbeat = empty();
      if (lb.sources.includes('bird')) host.bird = empty();
      return host;
    });
    this.state = { hosts, vips: [], revision: 0 };
  }

  getState(): FailoverState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  host(lb: string): HostFailoverState | undefined {
    return this.state.hosts.find((h) => h.lb === lb);
  }

  recordSuccess<K extends FailoverSource>(lb: string, source: K, value: NonNullable<HostFailoverState[K]>['value']): void {
    const at = this.now();
    this.update(lb, source, () => ({ value, error: null, stale: false, at }) as SourceState<unknown>);
  }

  recordFailure(lb: string, source: FailoverSource, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.update(lb, source, (old) => ({ ...old, error: message, stale: old.value !== null }));
  }

  private update(lb: string, source: FailoverSource, next: (old: SourceState<unknown>) => SourceState<unknown>): void {
    const before = this.host(lb);
    if (!before) throw new Error(`unknown LB ${lb}`);
    const old = (before[source] as SourceState<unknown> | undefined) ?? empty();
    const after = { ...before, [source]: next(old) } as HostFailoverState;
    const hosts = this.state.hosts.map((h) => (h.lb === lb ? after : h));
    const vips = vipRows(hosts, this.options.clusters ?? []);
    const at = this.now();
    const events = [...hostEvents(at, before, after), ...vipEvents(at, this.state.vips, vips)];
    this.state = { hosts, vips, revision: this.state.revision + 1 };
    if (events.length) this.options.onEvents?.(events);
    for (const listener of this.listeners) listener();
  }
}
