// Composition of the running fleet: one runtime-API client and one poller per LB feeding one store.
// Shared by the TUI, the subcommands and the tests, so they all exercise the same wiring. The SSH transport is
// not imported here: fleet-runtime.ts adds it (createFleetRuntime), and openFleetRuntime loads it only when an
// LB is reached over SSH, so `lbtop -s SOCK` starts without it.
import type { LbConfig, LbtopConfig } from '../model/config.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { SnapshotReader } from '../sources/haproxy/read-snapshot.js';
import { FleetStore } from '../store/fleet-store.js';
import { Limiter } from '../store/limiter.js';
import { Poller } from '../store/poller.js';
import type { SshPool, SshPoolOptions } from '../transport/ssh/pool.js';
import { createHosts, type ConnectorFactory, type Hosts, type RunnerFactory } from './hosts.js';
import type { SshConnectorFactory } from './ssh-connectors.js';

export { localConnector, type ConnectorFactory } from './hosts.js';

export interface FleetRuntime {
  store: FleetStore;
  /** What reaches each LB (hosts.ts): runtime API, command runner with sudo, files, master CLI. */
  hosts: Hosts;
  /** The operator's runtime-API client per LB (the pollers have their own). */
  clients: Map<string, RuntimeApi>;
  /** The SSH connections of LBs declared with `ssh:`; null when every LB is local (hosts.ssh). */
  ssh: SshPool | null;
  start(): void;
  /**
   * Polls every LB now (concurrently) and resolves when all have answered or failed. A full read by default (after
   * a write its effect must show everywhere); `full: false` polls as the pollers do (focused, see focus()).
   */
  refresh(lbs?: string[], options?: { full?: boolean }): Promise<void>;
  /**
   * The backends on screen in the TUI: see SnapshotReader.setFocus. Until called, every poll reads everything;
   * called before start(), the first poll reads frontends and backends only; the servers follow once a call names
   * the backends on screen (theirs first, then every row), or with the next poll if none does.
   */
  focus(backends: ReadonlySet<string>): void;
  /**
   * Holds the regular polls back while `work` (a write, the first reading of a drain) is in flight, at most
   * HOLD_MAX_MS: at 500 LBs the polls of a second starved a write to all of them (bench/ssh-fleet.ts --shape k8s).
   * Polls in flight go on; the ones due start when the work settles. Resolves as `work` does.
   */
  hold<T>(work: Promise<T>): Promise<T>;
  stop(): void;
}

export interface FleetRuntimeOptions {
  connectorFor?: ConnectorFactory;
  /** Replaces the runtime-API client per LB (the fixture replay of the demo uses this). */
  clientFor?: (lb: LbConfig) => RuntimeApi;
  /** How the failover stack and user commands reach an LB whose stack is not on this machine (the demo's namespaces). */
  stackRunner?: RunnerFactory;
  /** The pool for `ssh:` LBs (tests pass one on their own ssh_config), or options for the one made here. */
  ssh?: SshPool | SshPoolOptions;
  /** Polls in flight at once across the fleet (fan-out bound). */
  pollConcurrency?: number;
  /** See FocusedStatOptions.fullUpToRows (tests of focused reads on a small lab set 0). */
  fullUpToRows?: number;
}

/**
 * Polls in flight at once. 64 made 500 LBs poll in 8 waves, each a few round trips long: the TUI's cycle took 8
 * polls' time (bench/ssh-fleet.ts --shape k8s). Polls over SSH share one connection per host and wait on the
 * network, not the CPU, so a fleet of seed 003's size polls in one wave; the bound still keeps a fleet of
 * thousands from holding thousands of replies at once.
 */
export const DEFAULT_POLL_CONCURRENCY = 512;

/**
 * Past this many LBs the store tells its listeners (the TUI's render) of new polls at most every NOTIFY_EVERY_MS:
 * 500 LBs land 500 polls a second, and a render per poll, each over all 500 LBs, starved the polls themselves.
 */
export const NOTIFY_BATCH_LBS = 16;
export const NOTIFY_EVERY_MS = 100;

/** How stale an off-screen server row may get in the TUI (src/sources/haproxy/focused-stat.ts). */
export const FULL_READ_SECONDS = 5;

/**
 * The most rows a second a full read may cost on average: past it (a full read every FULL_READ_SECONDS would read
 * more), the full read comes once per (rows / this) seconds, 10 s at 10,000 servers. hatop reads its first 1,000 rows every second
 * and never the others; lbtop reads the rows on screen and every frontend and backend row every poll, and re-reads
 * at once every backend whose row says a server moved (status, weight, active/backup counts), so what waits for
 * the full read is an off-screen server's counters and check results that changed no state. At 10,000 servers
 * with checks every 2 s a full read every 5 s was about a fifth of lbtop's CPU (2.5 MB parsed, ~1,000 changed rows
 * rebuilt and then collected from V8's old generation).
 */
export const FULL_READ_ROWS_PER_SECOND = 1000;

/**
 * How often all of `show servers state` is read again although no stat row said a server moved (read-snapshot.ts).
 * Every admin, weight or address change shows in `show stat` and has its backend re-read at once; what is left is
 * a safety net (and a refused command asked again), and at 10,000 servers each read costs ~50 ms of CPU.
 */
export const SERVERS_READ_SECONDS = 300;

/** The longest a write holds the polls back: a hung write must not leave the whole screen stale. */
export const HOLD_MAX_MS = 3000;

/** The fleet runtime with or without its SSH transport: see openFleetRuntime, and createFleetRuntime in fleet-runtime.ts. */
export async function openFleetRuntime(config: LbtopConfig, options: FleetRuntimeOptions = {}): Promise<FleetRuntime> {
  if (!config.lbs.some((lb) => lb.ssh)) return buildFleetRuntime(config, options, null);
  const { createFleetRuntime } = await import('./fleet-runtime.js');
  return createFleetRuntime(config, options);
}

/** `ssh`: the pool and its connector for the LBs declared with `ssh:`; null when every LB is local. */
export function buildFleetRuntime(
  config: LbtopConfig,
  options: Omit<FleetRuntimeOptions, 'ssh'>,
  ssh: { pool: SshPool; connectorFor: SshConnectorFactory } | null,
): FleetRuntime {
  const hosts = createHosts(config, {
    ssh,
    ...(options.connectorFor ? { connectorFor: options.connectorFor } : {}),
    ...(options.clientFor ? { clientFor: options.clientFor } : {}),
    ...(options.stackRunner ? { stackRunner: options.stackRunner } : {}),
  });
  const pool = hosts.ssh;
  // A kept connection (prompt mode) stays with the HAProxy process that accepted it: after a reload it would
  // keep talking to the old worker (and keep it alive), so a write could land on a process on its way out and
  // a poll would show its frozen stats. Operator commands and actions therefore open a connection per command
  // (over SSH: a channel on the shared connection), and polls keep one only for the length of one poll.
  // Polls (reads only) send `prompt` with their first command: one round trip and one SSH packet less per poll.
  // Over a forwarding channel (no process, no session slot on the host) a poll's connection is kept for the next
  // poll, and closed when HAProxy says it is stopping (see pollKept). Read-only (-n): every client refuses a
  // state-changing command before it connects (hosts.ts, actions/write-gate.ts).
  const clients = new Map<string, RuntimeApi>();
  for (const lb of config.lbs) clients.set(lb.name, hosts.client(lb));
  const store = new FleetStore(
    config.lbs.map((lb) => ({ name: lb.name, endpoint: clients.get(lb.name)!.label })),
    config.lbs.length > NOTIFY_BATCH_LBS ? { notifyEveryMs: NOTIFY_EVERY_MS } : {},
  );
  // Polls go through their own client so a long `show stat` never queues behind an operator's command.
  const pollClients = new Map<string, RuntimeApi>();
  for (const lb of config.lbs) {
    // Over SSH one channel for a poll's commands instead of one each; kept between polls where it costs nothing.
    pollClients.set(lb.name, hosts.client(lb, { keepAlive: lb.ssh !== undefined }));
  }
  const limiter = new Limiter(options.pollConcurrency ?? DEFAULT_POLL_CONCURRENCY);
  // hold(): while `holds` > 0 a poll waits for `released` before it starts.
  let holds = 0;
  let released: Promise<void> = Promise.resolve();
  let release = () => {};
  const pollers = new Map<string, Poller<Awaited<ReturnType<SnapshotReader['read']>>>>();
  const readers = new Map<string, SnapshotReader>();
  // The backends on screen, as the TUI last said (focus()), and the LBs whose servers wait for the screen to say
  // it: at start the frontend and backend rows are read first and drawn while the servers are still unread; the
  // servers follow as soon as the screen names its backends (theirs first, see focused-stat.ts), or at the next
  // poll when it names none. Read right away instead, their thousands of rows would be parsed while the UI still
  // loads, and the first screen would wait for them.
  let onScreen: ReadonlySet<string> = new Set();
  const serversWaiting = new Set<string>();
  const followUp = (name: string) => setImmediate(() => void pollers.get(name)?.pollNow());
  // With a focus, a full `show stat` about every FULL_READ_SECONDS and the rows on screen on every poll.
  const fullEvery = Math.max(1, Math.round(FULL_READ_SECONDS / config.intervalSec));
  const fullRowsPerRead = FULL_READ_ROWS_PER_SECOND * config.intervalSec;
  const serversEvery = Math.max(1, Math.round(SERVERS_READ_SECONDS / config.intervalSec));
  for (const lb of config.lbs) {
    // One reader per LB: it keeps the previous poll's rows, so unchanged rows keep their identity.
    // A big fleet (seed 003: hundreds of LBs of 3 servers) reads whole LBs from the first poll: proxies first
    // would double the cold start's polls to save bytes that small LBs do not have.
    const big = config.lbs.length > NOTIFY_BATCH_LBS ? { proxiesFirst: false } : {};
    const reader = new SnapshotReader(pollClients.get(lb.name)!, { fullEvery, fullRowsPerRead, serversEvery, fullUpToRows: options.fullUpToRows, ...big });
    readers.set(lb.name, reader);
    pollers.set(
      lb.name,
      new Poller({
        intervalMs: config.intervalSec * 1000,
        read: async () => {
          await released;
          return limiter.run(() => pollKept(reader, pollClients.get(lb.name)!));
        },
        // The label can change after a connect (ssh: which route, which discovered socket): the header shows it.
        onSuccess: (snapshot) => {
          store.recordSuccess(lb.name, snapshot, pollClients.get(lb.name)!.label);
          // The servers follow (after this poll has ended, so the next one is not joined to it).
          if (snapshot.serversPending) {
            if (onScreen.size > 0) followUp(lb.name);
            else serversWaiting.add(lb.name);
          } else serversWaiting.delete(lb.name);
        },
        onFailure: (error) => store.recordFailure(lb.name, error, pollClients.get(lb.name)!.label),
      }),
    );
  }
  return {
    store,
    hosts,
    clients,
    ssh: pool,
    start: () => pollers.forEach((p) => p.start()),
    refresh: async (lbs, { full = true } = {}) => {
      const names = lbs ?? [...pollers.keys()];
      // After a write its effect must show everywhere at once, not only on the rows on screen.
      if (full) for (const name of names) readers.get(name)?.invalidate();
      await Promise.all(names.map((name) => pollers.get(name)?.pollNow()));
    },
    focus: (backends) => {
      readers.forEach((reader) => reader.setFocus(backends));
      onScreen = backends;
      if (backends.size === 0) return;
      serversWaiting.forEach(followUp);
      serversWaiting.clear();
    },
    hold: async (work) => {
      if (holds++ === 0) released = new Promise((resolve) => (release = resolve));
      const done = release;
      const cap = setTimeout(done, HOLD_MAX_MS);
      cap.unref?.();
      try {
        return await work;
      } finally {
        clearTimeout(cap);
        if (--holds === 0) done();
      }
    },
    stop: () => {
      pollers.forEach((p) => p.stop());
      clients.forEach((c) => c.close());
      pollClients.forEach((c) => c.close());
      hosts.close();
      pool?.close();
    },
  };
}

/**
 * One poll on the LB's poll client. Its connection stays open for the next poll when the transport keeps it for
 * free (a stream-local or direct-tcpip channel: at 500 LBs, opening and closing a channel per poll was a third of
 * lbtop's CPU, bench/ssh-fleet.ts --shape k8s) and HAProxy says it is not stopping (`Stopping: 0`, HAProxy 2.x):
 * a kept connection stays with the process that accepted it, so after a reload it would read the old worker's
 * frozen stats (test/sources/haproxy/kept-connection-reload.test.ts). A poll answered by a stopping process is
 * read again at once on a fresh connection; an HAProxy that does not say is closed after every poll, as before.
 */
export async function pollKept(reader: SnapshotReader, client: RuntimeApi): Promise<Awaited<ReturnType<SnapshotReader['read']>>> {
  try {
    let snapshot = await reader.read();
    if (snapshot.info.stopping === true) {
      client.close();
      snapshot = await reader.read();
    }
    // An HAProxy that does not say (1.x) is closed after every poll.
    if (!client.keepable || snapshot.info.stopping !== false) client.close();
    return snapshot;
  } catch (error) {
    client.close();
    throw error;
  }
}
