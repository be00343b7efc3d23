// The failover feature of a running lbtop, one service for the TUI (VIPS/BGP views, failover-ui-services.ts) and
// `lbtop vip|bgp` (subcommands/failover-command.ts): its keepalived/heartbeat/BIRD pollers on each LB's runner from
// hosts.ts (SSH exec channels, the demo's namespaces or this machine, the LB's `sudo:` applied), events joining
// the fleet's timeline, and the fleet and `show peers` readings its plans check against.
import type { AuditLog } from '../actions/audit-log.js';
import type { LbtopConfig } from '../model/config.js';
import type { Fleet } from '../model/fleet.js';
import type { PeersReading } from '../model/tables.js';
import { buildFleet } from '../store/selectors.js';
import { createFailoverRuntime, type FailoverRuntime } from './failover-runtime.js';
import type { FleetRuntime } from './fleet-core.js';
import type { Hosts } from './hosts.js';

export interface FailoverService {
  config: LbtopConfig;
  failover: FailoverRuntime;
  /** Refreshes HAProxy and returns the fleet, for the standby pre-check. */
  fleet(): Promise<Fleet | null>;
  /** `show peers` of the failover LBs, for the peers check of a VIP move. */
  peers(): Promise<PeersReading[]>;
  audit: AuditLog;
  stop(): void;
}

export function createFailoverService(hosts: Hosts, fleet: FleetRuntime, audit: AuditLog): FailoverService {
  const { config } = hosts;
  const failover = createFailoverRuntime(config, { hosts, onEvents: (events) => fleet.store.recordEvents(events) });
  return {
    config,
    failover,
    fleet: async () => (await fleet.refresh(), buildFleet(config, fleet.store.getState().lbs)),
    peers: async () => (await import('../actions/tables/read-peers.js')).readPeersOnLbs(fleet.clients, failover.lbs.map((lb) => lb.name)),
    audit,
    stop: () => failover.stop(),
  };
}
