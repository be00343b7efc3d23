// Composition of the routing editor's dependencies per LB: the runtime-API clients of the fleet, a command
// runner on the LB's host (local, or the ssh runner the caller passes), file access through that runner, the
// master CLI, and the after-write policy from `routing:` in lbtop.yaml.
import type { AfterWrite } from '../actions/pattern-types.js';
import type { AuditLog } from '../actions/audit-log.js';
import type { RoutingDeps } from '../actions/routing-deps.js';
import { ROUTING_DEFAULTS } from '../config/routing.js';
import type { LbConfig, LbtopConfig } from '../model/config.js';
import { HaproxyClient, type RuntimeApi } from '../sources/haproxy/client.js';
import { localRunner, type CommandRunner } from '../transport/exec.js';
import { hostFiles, type HostFiles } from '../transport/host-files.js';
import type { StreamConnector } from '../transport/types.js';
import { withSudo } from '../sources/runner-check.js';
import type { SshPool } from '../transport/ssh/pool.js';
import { localConnector } from './fleet-runtime.js';
import { sshConnectorFactory } from './ssh-connectors.js';
import { hostRunnerFor } from './hosts.js';
import { readOnlyFiles, readOnlyRunner, readOnlyRuntime } from '../actions/write-gate.js';

export interface RoutingRuntimeOptions {
  /** The command runner on an LB's host; default: local for LBs without `ssh:`, none for ssh LBs. */
  runnerFor?: (lb: LbConfig) => CommandRunner | null;
  /** How to reach a unix socket path on the LB (the master CLI); default: a local unix socket. */
  connectorFor?: (lb: LbConfig) => StreamConnector;
}

export function afterWriteOf(lb: LbConfig): AfterWrite {
  const r = lb.routing ?? ROUTING_DEFAULTS;
  return { mode: r.afterWrite, configPath: r.config, bin: r.bin ?? null, via: r.reloadVia, service: r.service };
}

export function createRoutingDeps(config: LbtopConfig, clients: ReadonlyMap<string, RuntimeApi>, audit: AuditLog, options: RoutingRuntimeOptions = {}): RoutingDeps & { close(): void } {
  const byName = new Map(config.lbs.map((lb) => [lb.name, lb]));
  const local = localRunner();
  const runnerFor = options.runnerFor ?? ((lb: LbConfig) => (lb.ssh ? null : local));
  const runners = new Map<string, CommandRunner | null>();
  const files = new Map<string, HostFiles | null>();
  const masters = new Map<string, RuntimeApi | null>();
  // Read-only (-n): the runners, files and master CLI refuse every write (actions/write-gate.ts).
  const gated = (r: CommandRunner | null) => (r && config.readOnly ? readOnlyRunner(r) : r);
  const runner = (name: string) => {
    if (!runners.has(name)) runners.set(name, byName.has(name) ? gated(runnerFor(byName.get(name)!)) : null);
    return runners.get(name)!;
  };
  return {
    lbs: config.lbs.map((lb) => lb.name),
    clients,
    audit,
    runner,
    files(name) {
      if (!files.has(name)) {
        const r = runner(name);
        files.set(name, r ? (config.readOnly ? readOnlyFiles(hostFiles(r)) : hostFiles(r)) : null);
      }
      return files.get(name)!;
    },
    master(name) {
      if (!masters.has(name)) {
        const lb = byName.get(name);
        const path = lb?.routing?.master;
        if (!lb || !path) masters.set(name, null);
        else {
          const at = { ...lb, haproxy: { socket: path, timeoutMs: lb.haproxy.timeoutMs } };
          const master = new HaproxyClient((options.connectorFor ?? localConnector)(at), { timeoutMs: lb.haproxy.timeoutMs });
          masters.set(name, config.readOnly ? readOnlyRuntime(master) : master);
        }
      }
      return masters.get(name)!;
    },
    after: (name) => afterWriteOf(byName.get(name) ?? { name, haproxy: { timeoutMs: 5000 } }),
    close: () => masters.forEach((m) => m?.close()),
  };
}

/**
 * The routing deps of a running fleet: local LBs run commands here; `ssh:` LBs through the fleet's SshPool
 * (exec channels, and the master socket forwarded like the stats socket), with `sudo -n` when the LB says
 * `sudo: true` (map files and haproxy.cfg are root's on Debian).
 */
export function fleetRoutingDeps(config: LbtopConfig, runtime: { clients: ReadonlyMap<string, RuntimeApi>; ssh: SshPool | null }, audit: AuditLog) {
  const pool = runtime.ssh;
  const viaSsh = pool ? sshConnectorFactory(pool) : null;
  const reach = hostRunnerFor(pool);
  return createRoutingDeps(config, runtime.clients, audit, {
    runnerFor: (lb) => {
      const base = reach(lb);
      return base && withSudo(base, lb.routing?.sudo ?? lb.failover?.sudo === true);
    },
    connectorFor: (lb) => (lb.ssh && viaSsh ? viaSsh(lb) : localConnector(lb)),
  });
}
