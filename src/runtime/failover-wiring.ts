// The failover runtime of a real run: LBs with `ssh:` run their keepalived/heartbeat/BIRD commands as exec
// channels on the fleet's shared SSH connection to that host; the others run locally. Events join the fleet's
// timeline. Used by cli.ts for the TUI and the `vip`/`bgp` subcommands.
import type { LbtopConfig } from '../model/config.js';
import { localRunner } from '../transport/exec.js';
import { createFailoverRuntime, type FailoverRuntime, type RunnerFactory } from './failover-runtime.js';
import type { FleetRuntime } from './fleet-runtime.js';
import { hostRunnerFor } from './hosts.js';

/** How a host command reaches an LB (hosts.ts); an `ssh:` LB with no SSH connection open runs here, as before. */
export function fleetRunnerFor(fleet: FleetRuntime, hostRunner?: RunnerFactory): RunnerFactory {
  const local = localRunner();
  const reach = hostRunnerFor(fleet.ssh, hostRunner);
  return (lb) => reach(lb) ?? local;
}

/** `hostRunner`: how to reach an LB without `ssh:` when it is not this machine (the demo's user namespaces). */
export function fleetFailoverRuntime(config: LbtopConfig, fleet: FleetRuntime, hostRunner?: RunnerFactory): FailoverRuntime {
  return createFailoverRuntime(config, {
    runnerFor: fleetRunnerFor(fleet, hostRunner),
    onEvents: (events) => fleet.store.recordEvents(events),
  });
}
