// The fleet runtime (fleet-core.ts) with its SSH transport: the pool for the LBs declared with `ssh:` and their
// connectors. The tests, the demo and the subcommands' SSH path use this; a start of lbtop goes through
// openFleetRuntime (fleet-core.ts), which imports this module only when an LB is reached over SSH.
import type { LbtopConfig } from '../model/config.js';
import { SshPool } from '../transport/ssh/pool.js';
import { buildFleetRuntime, type FleetRuntime, type FleetRuntimeOptions } from './fleet-core.js';
import { sshConnectorFactory } from './ssh-connectors.js';

export {
  buildFleetRuntime,
  DEFAULT_POLL_CONCURRENCY,
  FULL_READ_SECONDS,
  localConnector,
  openFleetRuntime,
  SERVERS_READ_SECONDS,
  type ConnectorFactory,
  type FleetRuntime,
  type FleetRuntimeOptions,
} from './fleet-core.js';

export function createFleetRuntime(config: LbtopConfig, options: FleetRuntimeOptions = {}): FleetRuntime {
  const pool = !config.lbs.some((lb) => lb.ssh) ? null : options.ssh instanceof SshPool ? options.ssh : new SshPool({ ...(config.sshAcceptNew ? { acceptNew: true } : {}), ...options.ssh });
  return buildFleetRuntime(config, options, pool ? { pool, connectorFor: sshConnectorFactory(pool) } : null);
}
