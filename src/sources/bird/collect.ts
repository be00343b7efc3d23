// Reads BIRD on one host through a CommandRunner: `show protocols`, then one `show protocols all` for the
// per-channel route counts (cheaper than `show route protocol X` per protocol on a full table). birdc runs with
// -r (restricted): the read path can never change BIRD. Both replies are `birdc -v` (codes kept, see reply.ts).
import type { BirdHostTarget } from '../../model/failover-config.js';
import type { BirdReading } from '../../model/failover-state.js';
import type { CommandRunner } from '../../transport/exec.js';
import { runOk } from '../runner-check.js';
import { birdArgv } from './commands.js';
import { parseBirdProtocols, parseBirdProtocolsAll } from './protocols.js';

export const showProtocolsAllArgv = (t: BirdHostTarget) => [...birdArgv.showProtocols(t), 'all'];

export async function collectBird(runner: CommandRunner, target: BirdHostTarget): Promise<BirdReading> {
  const hint = `is BIRD running with its control socket at ${target.socket}? (bird.socket in lbtop.yaml)`;
  const { version, protocols } = parseBirdProtocols(await runOk(runner, birdArgv.showProtocols(target), { hint }));
  const details: BirdReading['details'] = {};
  for (const d of parseBirdProtocolsAll(await runOk(runner, showProtocolsAllArgv(target), { hint }))) details[d.protocol.name] = d;
  return { version, protocols, details };
}

export { exportedRoutes, importedRoutes } from './route-counts.js';
