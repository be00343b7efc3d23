// The failover runtime of a real run: LBs with `ssh:` run their keepalived/heartbeat/BIRD commands as exec
// channels on the fleet's shared SSH connection to that host; the others run locally. Events join the fleet's
// timeline. Used by cli.ts for the TUI and the `vip`/`bgp` subcommands.
import type { LbtopConfig } from '../model/config.js';
import { localRunner } from '../transport/exec.js';
import { createFailoverRuntime, type FailoverRuntime, type RunnerFactory } from './failover-runtime.js';
import type { FleetRuntime } from './fleet-runtime.js';
import { sshCommandRunner } from './ssh-connectors.js';

/** How a host command reaches an LB: its `ssh:` connection, else `hostRunner` (the demo's namespaces), else here. */
export function fleetRunnerFor(fleet: FleetRuntime, hostRunner?: RunnerFactory): RunnerFactory {
  const local = localRunner();
  return (lb) => (lb.ssh && fleet.ssh ? sshCommandRunner(fleet.ssh, lb) : (hostRunner?.(lb) ?? local));
}

/** `hostRunner`: how to reach an LB without `ssh:` when it is not this machine (the demo's user namespaces). */
export function fleetFailoverRuntime(config: LbtopConfig, fleet: FleetRuntime, hostRunner?: RunnerFactory): FailoverRuntime {
  return createFailoverRuntime(config, {
    runnerFor: fleetRunnerFor(fleet, hostRunner),
    onEvents: (events) => fleet.store.recordEvents(events),
  });
}
