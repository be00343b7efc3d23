// What reaches each LB, built in this one place for every feature (the pollers, the operator's commands, the
// failover sources and steps, the map editor's files, reloads and master CLI, BGP node reads, user commands):
// - the runtime API: a unix or TCP socket here, or over the fleet's one SSH connection for an LB with `ssh:`
//   (its `sudo socat` fallback and its haproxy.cfg discovery decided by the same LB's `sudo:` and runner);
// - the command runner on its host: SSH exec channels, the demo's namespace runner, or this machine, with the
//   LB's one `sudo:` applied (host-runners.ts), the same for every feature;
// - file access over that runner, and the master CLI over the same route as the stats socket;
// - under --read-only, the write gate (actions/write-gate.ts) on each of them.
// The SSH code is handed in by fleet-runtime.ts, so `lbtop -s SOCK` starts without it.
import { readOnlyFiles, readOnlyRunner, readOnlyRuntime } from '../actions/write-gate.js';
import type { LbConfig, LbtopConfig } from '../model/config.js';
import { HaproxyClient, type RuntimeApi } from '../sources/haproxy/client.js';
import type { CommandRunner } from '../transport/exec.js';
import { hostFiles, type HostFiles } from '../transport/host-files.js';
import { tcpSocket, unixSocket } from '../transport/local.js';
import type { SshPool } from '../transport/ssh/pool.js';
import type { StreamConnector } from '../transport/types.js';
import type { SshConnectorFactory } from './ssh-connectors.js';
import { hostRunners, sudoOf, sudoRunners, type HostRunners, type RunnerFactory } from './host-runners.js';

export { hostRunners, sudoOf, type HostRunners, type RunnerFactory } from './host-runners.js';

export type ConnectorFactory = (lb: LbConfig) => StreamConnector;

export const localConnector: ConnectorFactory = (lb) => {
  if (lb.haproxy.socket) return unixSocket(lb.haproxy.socket);
  if (lb.haproxy.tcp) return tcpSocket(lb.haproxy.tcp);
  throw new Error(`${lb.name}: no socket or tcp address`);
};

export interface HostsOptions {
  /**
   * The pool for `ssh:` LBs and its runtime-API connectors (fleet-runtime.ts); null when every LB is local. Without
   * `connectorFor` (a caller that runs host commands only) an `ssh:` LB's runtime API is not reached over SSH.
   */
  ssh?: { pool: SshPool; connectorFor?: SshConnectorFactory } | null;
  /**
   * How to reach the failover stack (keepalived, heartbeat, BIRD) and user commands of an LB without `ssh:` whose
   * stack is not on this machine: the demo's user namespaces, while its HAProxy and haproxy.cfg are here.
   */
  stackRunner?: RunnerFactory;
  /** Replaces the transport of every LB's host commands (tests: namespace shells, a runner of their own). */
  runnerFor?: RunnerFactory;
  /** Replaces the runtime-API connector of every LB (tests). */
  connectorFor?: ConnectorFactory;
  /** Replaces the runtime-API client per LB (the fixture replay of the demo). */
  clientFor?: (lb: LbConfig) => RuntimeApi;
}

export interface Hosts {
  readonly config: LbtopConfig;
  /** The SSH connections of LBs declared with `ssh:`; null when every LB is local. */
  readonly ssh: SshPool | null;
  /** A new runtime-API client of the LB (gated when read-only); `keepAlive` for the pollers' own client. */
  client(lb: LbConfig, options?: { keepAlive?: boolean }): RuntimeApi;
  /** The command runner on the LB's host, its `sudo:` applied, gated when read-only; null: nothing reaches it. */
  runner(name: string): CommandRunner | null;
  /** Atomic file access over runner() (gated when read-only); null where there is no runner. */
  files(name: string): HostFiles | null;
  /** The runner of the LB's failover stack and user commands: runner() but for the demo's `stackRunner`. */
  stackRunner(name: string): CommandRunner | null;
  /** stackRunner() before the read-only gate, for callers with a gate of their own (user commands, BGP reads). */
  ungatedRunner(name: string): CommandRunner | null;
  /** Atomic file access over stackRunner() (track files, keepalived.conf). */
  stackFiles(name: string): HostFiles | null;
  /** The master CLI (`haproxy.master`) over the stats socket's route (gated when read-only); null when not declared. */
  master(name: string): RuntimeApi | null;
  /** Closes the master CLI clients (the pool is the fleet runtime's to close). */
  close(): void;
}

export function createHosts(config: LbtopConfig, options: HostsOptions = {}): Hosts {
  const byName = new Map(config.lbs.map((lb) => [lb.name, lb]));
  const pool = options.ssh?.pool ?? null;
  const viaSsh = options.ssh?.connectorFor ?? null;
  // An ssh LB's connector gets the LB's sudo (the `sudo socat` fallback) and its runner (haproxy.cfg discovery).
  const connectorFor = options.connectorFor ?? ((lb: LbConfig) => (lb.ssh && viaSsh ? viaSsh(lb, { sudo: sudoOf(lb), runner: () => runner(lb.name) }) : localConnector(lb)));
  const ro = config.readOnly;
  const runners = options.runnerFor ? sudoRunners(options.runnerFor) : hostRunners(pool);
  const stack = options.runnerFor || !options.stackRunner ? runners : hostRunners(pool, options.stackRunner);
  const made = new Map<string, CommandRunner | HostFiles | null>();
  const once = <T extends CommandRunner | HostFiles | null>(key: string, make: () => T): T => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key) as T;
  };
  const ungated = (of: HostRunners, name: string) => {
    const lb = byName.get(name);
    return lb ? of.runner(lb) : null;
  };
  // Read-only (-n): runners run only what the sources read with, files refuse every replace.
  const gatedRunner = (r: CommandRunner | null) => (r && ro ? readOnlyRunner(r) : r);
  const filesOver = (r: CommandRunner | null) => (r ? (ro ? readOnlyFiles(hostFiles(r)) : hostFiles(r)) : null);
  const runner = (name: string) => once(`runner ${name}`, () => gatedRunner(ungated(runners, name)));
  const stackRunner = (name: string) => once(`stack ${name}`, () => gatedRunner(ungated(stack, name)));
  const gate = (api: RuntimeApi) => (ro ? readOnlyRuntime(api) : api);
  const masters = new Map<string, RuntimeApi | null>();
  const masterOf = (name: string) => {
    const lb = byName.get(name);
    const path = lb?.haproxyHost?.master;
    if (!lb || !path) return null;
    // The master socket is a unix socket on the LB's host: reached the way its stats socket is.
    const at = { ...lb, haproxy: { socket: path, timeoutMs: lb.haproxy.timeoutMs } };
    return gate(new HaproxyClient(connectorFor(at), { timeoutMs: lb.haproxy.timeoutMs }));
  };
  return {
    config,
    ssh: pool,
    // A kept connection (prompt mode) only for the pollers' client: see fleet-core.ts.
    client: (lb, { keepAlive = false } = {}) =>
      gate(options.clientFor?.(lb) ?? new HaproxyClient(connectorFor(lb), { timeoutMs: lb.haproxy.timeoutMs, keepAlive, pipelinePrompt: keepAlive })),
    runner,
    files: (name) => once(`files ${name}`, () => filesOver(runner(name))),
    stackRunner,
    ungatedRunner: (name) => ungated(stack, name),
    stackFiles: (name) => once(`stack files ${name}`, () => filesOver(stackRunner(name))),
    master: (name) => {
      if (!masters.has(name)) masters.set(name, masterOf(name));
      return masters.get(name)!;
    },
    close: () => masters.forEach((m) => m?.close()),
  };
}
