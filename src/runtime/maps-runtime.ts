// The map editor's dependencies per LB (drift, trace and certs use them too): the runtime-API clients of the fleet, and from hosts.ts the command
// runner on the LB's host, file access through it and the master CLI; the after-write policy from `haproxy:`.
import type { AfterWrite } from '../actions/maps/types.js';
import type { AuditLog } from '../actions/audit-log.js';
import type { MapsDeps } from '../actions/maps/deps.js';
import { HAPROXY_HOST_DEFAULTS } from '../config/haproxy-host.js';
import type { LbConfig, LbtopConfig } from '../model/config.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { polledServerStates } from '../store/selectors.js';
import type { FleetRuntime } from './fleet-core.js';
import { createHosts, type Hosts } from './hosts.js';

export function afterWriteOf(lb: LbConfig): AfterWrite {
  const r = lb.haproxyHost ?? HAPROXY_HOST_DEFAULTS;
  return { mode: r.afterWrite, configPath: r.config, bin: r.bin ?? null, via: r.reloadVia, service: r.service };
}

/** The maps deps over what reaches each LB (hosts.ts): its runner and files with its `sudo:`, its master CLI. */
export function mapsDeps(hosts: Hosts, clients: ReadonlyMap<string, RuntimeApi>, audit: AuditLog): MapsDeps & { close(): void } {
  const { config } = hosts;
  const byName = new Map(config.lbs.map((lb) => [lb.name, lb]));
  return {
    lbs: config.lbs.map((lb) => lb.name),
    clients,
    audit,
    runner: (name) => hosts.runner(name),
    files: (name) => hosts.files(name),
    master: (name) => hosts.master(name),
    after: (name) => afterWriteOf(byName.get(name) ?? { name, haproxy: { timeoutMs: 5000 } }),
    close: () => hosts.close(),
  };
}

/** The maps deps of a config alone (tests, the demo's replay): local LBs reached here, `ssh:` LBs not at all. */
export function createMapsDeps(config: LbtopConfig, clients: ReadonlyMap<string, RuntimeApi>, audit: AuditLog): MapsDeps & { close(): void } {
  return mapsDeps(createHosts(config), clients, audit);
}

/**
 * The map editor's one service for `lbtop map|acl|drift|trace|certs` and the TUI's MAPS/DRIFT/CERTS/TRACE views
 * (maps-ui-services.ts): the fleet's clients, and each LB's runner, files and master CLI from hosts.ts (local
 * LBs here; `ssh:` LBs through the fleet's SshPool, exec channels and the master socket forwarded like the stats
 * socket; `sudo -n` when the LB says `sudo: true`: map files and haproxy.cfg are root's on Debian).
 */
export function createMapsService(hosts: Hosts, fleet: Pick<FleetRuntime, 'clients' | 'store'>, audit: AuditLog): MapsDeps & { close(): void } {
  return { ...mapsDeps(hosts, fleet.clients, audit), polledServerStates: (lb) => polledServerStates(fleet.store, lb) };
}

/** Kept for callers that name it: the maps service of a running fleet. */
export function fleetMapsDeps(config: LbtopConfig, runtime: Pick<FleetRuntime, 'clients' | 'store' | 'hosts'>, audit: AuditLog) {
  return createMapsService(runtime.hosts, runtime, audit);
}
