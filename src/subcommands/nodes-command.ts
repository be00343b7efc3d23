// `lbtop nodes [--json]`: poll every LB once, read BGP routes from BIRD where an LB declares `bird:`, and print the
// nodes with their prefixes, the LBs that learn them and the servers (pods) inside. Reads only.
import type { LbtopConfig } from '../model/config.js';
import type { BgpNodeReader } from '../runtime/bgp-nodes-runtime.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import { buildFleet } from '../store/selectors.js';
import { EXIT } from '../cli/exit-codes.js';
import { nodesJson, nodesText } from './nodes-text.js';

export async function runNodesCommand(
  invocation: { json: boolean },
  config: LbtopConfig,
  runtime: FleetRuntime,
  bgp: BgpNodeReader,
  io: { out(text: string): void; err(text: string): void },
): Promise<number> {
  if (bgp.lbs.length === 0) {
    io.err('No LB declares bird: in lbtop.yaml, so lbtop knows no BGP nodes (see "Kubernetes nodes through BGP" in the README).\n');
    return EXIT.FAILED;
  }
  await runtime.refresh();
  const fleet = buildFleet(config, runtime.store.getState().lbs);
  const map = await bgp.map(fleet);
  // An HAProxy that did not answer has no servers in the map: said, not left out silently.
  const unread = fleet.lbs.filter((lb) => !lb.ok).map((lb) => ({ lb: lb.name, error: lb.error ?? 'not read' }));
  io.out(invocation.json ? `${JSON.stringify({ ...nodesJson(map), unreachable: unread }, null, 2)}\n` : nodesText(map));
  for (const u of unread) io.err(`! ${u.lb}: HAProxy not read (${u.error}): its servers are not in the list\n`);
  // Like the other read-only reports (vip status, drift): 2 when an LB could not be read.
  return map.errors.length > 0 || unread.length > 0 ? EXIT.REFUSED : EXIT.OK;
}
