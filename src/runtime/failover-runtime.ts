// The failover side of a running lbtop: per LB with a declared stack, one poller per source (keepalived,
// heartbeat, BIRD, `ip -j addr`) on that LB's CommandRunner (local, or SSH for an LB with `ssh:`), all feeding one
// FailoverStore whose events join the fleet's timeline. Shared by the TUI, `lbtop vip|bgp` and the tests.
import type { LbConfig, LbtopConfig } from '../model/config.js';
import type { TimelineEvent } from '../model/events.js';
import { collectBird } from '../sources/bird/collect.js';
import { collectHeartbeat } from '../sources/heartbeat/collect.js';
import { collectKeepalived } from '../sources/keepalived/collect.js';
import { collectAddresses } from '../sources/netlink/collect.js';
import { FailoverStore, type FailoverSource } from '../store/failover-store.js';
import { Poller } from '../store/poller.js';
import { localRunner, type CommandRunner } from '../transport/exec.js';
import { hostFiles, type HostFiles } from '../transport/host-files.js';
import { TransportError } from '../model/errors.js';
import { createHosts, type Hosts, type RunnerFactory } from './hosts.js';

export const KEEPALIVED_MIN_INTERVAL_MS = 5000;

export type { RunnerFactory };

export interface FailoverRuntime {
  store: FailoverStore;
  /** The runner per LB (sudo applied), for actions. */
  runners: ReadonlyMap<string, CommandRunner>;
  /** Atomic file access per LB over its runner (track files, keepalived.conf). */
  files: ReadonlyMap<string, HostFiles>;
  /** LBs that declare a failover stack, in config order. */
  lbs: readonly LbConfig[];
  start(): void;
  refresh(lbs?: string[]): Promise<void>;
  stop(): void;
}

export interface FailoverRuntimeOptions {
  /** What reaches each LB (the fleet's, hosts.ts); without it, built here over `runnerFor`. */
  hosts?: Pick<Hosts, 'stackRunner' | 'stackFiles'>;
  /** The transport of the host commands when no `hosts` is given (tests' namespace shells); default: this machine. */
  runnerFor?: RunnerFactory;
  onEvents?: (events: TimelineEvent[]) => void;
  intervalMs?: number;
}

export function createFailoverRuntime(config: LbtopConfig, options: FailoverRuntimeOptions = {}): FailoverRuntime {
  const lbs = config.lbs.filter((lb) => lb.failover);
  const hosts = options.hosts ?? createHosts(config, { runnerFor: options.runnerFor ?? (() => localRunner()) });
  // The LB's runner and files from hosts.ts: its `sudo:` applied, and under read-only (-n) runners that run only
  // what the sources read with, files that refuse every replace (actions/write-gate.ts).
  const runners = new Map<string, CommandRunner>(lbs.map((lb) => [lb.name, hosts.stackRunner(lb.name) ?? unreachable(lb)]));
  const files = new Map<string, HostFiles>(lbs.map((lb) => [lb.name, hosts.stackFiles(lb.name) ?? hostFiles(runners.get(lb.name)!)]));
  const sourcesOf = (lb: LbConfig): FailoverSource[] => {
    const f = lb.failover!;
    return [...(f.keepalived ? ['keepalived' as const] : []), ...(f.heartbeat ? ['heartbeat' as const] : []), ...(f.bird ? ['bird' as const] : []), 'addresses'];
  };
  const store = new FailoverStore(lbs.map((lb) => ({ name: lb.name, sources: sourcesOf(lb) })), {
    clusters: config.clusters,
    ...(options.onEvents ? { onEvents: options.onEvents } : {}),
  });
  // keepalived logs every dump signal ("Printing VRRP data…"): its poll is kept to one per 5 s at the fastest,
  // while `ip -j addr`, the VIP truth, follows the interval. Tests pass intervalMs to poll everything fast.
  const intervalFor = (source: FailoverSource) =>
    options.intervalMs ?? (source === 'keepalived' ? Math.max(KEEPALIVED_MIN_INTERVAL_MS, config.intervalSec * 1000) : config.intervalSec * 1000);
  const pollers = new Map<string, Poller<unknown>[]>();
  for (const lb of lbs) {
    const runner = runners.get(lb.name)!;
    const f = lb.failover!;
    const readers: Record<FailoverSource, (() => Promise<unknown>) | null> = {
      keepalived: f.keepalived ? () => collectKeepalived(runner, f.keepalived!) : null,
      heartbeat: f.heartbeat ? () => collectHeartbeat(runner, f.heartbeat!) : null,
      bird: f.bird ? () => collectBird(runner, f.bird!) : null,
      addresses: () => collectAddresses(runner),
    };
    const list: Poller<unknown>[] = [];
    for (const source of sourcesOf(lb)) {
      list.push(
        new Poller<unknown>({
          intervalMs: intervalFor(source),
          read: readers[source]!,
          onSuccess: (value) => store.recordSuccess(lb.name, source, value as never),
          onFailure: (error) => store.recordFailure(lb.name, source, error),
        }),
      );
    }
    pollers.set(lb.name, list);
  }
  return {
    store,
    runners,
    files,
    lbs,
    start: () => pollers.forEach((list) => list.forEach((p) => p.start())),
    refresh: async (names) => {
      const wanted = names ?? [...pollers.keys()];
      await Promise.all(wanted.flatMap((n) => (pollers.get(n) ?? []).map((p) => p.pollNow())));
    },
    stop: () => pollers.forEach((list) => list.forEach((p) => p.stop())),
  };
}

/** An `ssh:` LB while no SSH connection is open: its commands fail saying so (never run on this machine instead). */
function unreachable(lb: LbConfig): CommandRunner {
  return { label: lb.name, run: () => Promise.reject(new TransportError(`${lb.name} is reached over ssh, and no SSH connection is open`)) };
}
