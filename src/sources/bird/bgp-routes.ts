// BIRD's BGP routes on one LB, for Kubernetes nodes (store/bgp-nodes.ts): `show protocols all` for the BGP
// sessions and their neighbor addresses and route counts, then every BGP route in one `show route where source =
// RTS_BGP` (one command however many peers; `show route protocol X` would be one per peer). Both through
// restricted birdc (-r). An LB that also takes a full Internet table over BGP is refused by count rather than
// read every poll: pod blocks are a few routes per node.
import type { BgpRouteReading } from '../../model/bgp-nodes.js';
import type { BirdHostTarget } from '../../model/failover-config.js';
import { LbtopError } from '../../model/errors.js';
import type { CommandRunner } from '../../transport/exec.js';
import { runOk } from '../runner-check.js';
import { showProtocolsAllArgv } from './collect.js';
import { birdArgv } from './commands.js';
import { parseBirdProtocolsAll } from './protocols.js';
import { parseBirdRoutes } from './routes.js';

/** More BGP routes than this on one LB is not a cluster's pod blocks (Calico: one /26 per 64 pods). */
export const MAX_NODE_ROUTES = 20_000;

export async function collectBgpRoutes(runner: CommandRunner, target: BirdHostTarget): Promise<BgpRouteReading> {
  const hint = `is BIRD running with its control socket at ${target.socket}? (bird.socket in lbtop.yaml)`;
  const text = await runOk(runner, showProtocolsAllArgv(target), { hint });
  const bgp = parseBirdProtocolsAll(text).filter((d) => d.protocol.proto.toUpperCase() === 'BGP');
  const version = /BIRD (\S+) ready\./.exec(text)?.[1] ?? null;
  const peers = bgp.map((d) => ({ protocol: d.protocol.name, state: d.protocol.state, neighbor: d.bgp?.neighborAddress ?? null }));
  if (peers.length === 0) return { version, peers, routes: [] };
  const imported = bgp.flatMap((d) => d.channels).reduce((n, c) => n + (c.routes?.imported ?? 0), 0);
  if (imported > MAX_NODE_ROUTES) {
    throw new LbtopError(`${runner.label}: ${imported} BGP routes, too many to be pod blocks; nodes are not read`, 'lbtop maps pods to nodes from a BIRD whose BGP routes are the pod blocks (Calico peers), not a full table');
  }
  return { version, peers, routes: parseBirdRoutes(await runOk(runner, birdArgv.showBgpRoutes(target), { hint })) };
}
