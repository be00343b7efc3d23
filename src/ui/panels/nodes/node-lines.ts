// What the NODES panel shows, as pure lines: the nodes (name, pods, how many are up, the LBs that learn them, the
// prefixes), or one node's pods (LB, backend/server, address, state, the prefix that placed it). Colour comes from
// the server's state, as in the fleet table. The columns are `lbtop nodes`' (src/present/columns/nodes.ts).
import type { BgpNode, BgpNodeMap } from '../../../model/bgp-nodes.js';
import { nodeColumns, podColumns, podRef } from '../../../present/columns/nodes.js';
import { fitColumns, headerLine, rowLine } from '../../../present/table.js';
import { plain, type Line } from '../../components/ScrollText.js';

export interface NodeLines {
  header: Line;
  lines: Line[];
  /** One key per line, so the cursor can follow its line across refreshes. */
  keys: string[];
}

export function nodeListLines(map: BgpNodeMap): NodeLines {
  const columns = fitColumns(nodeColumns(map.nodes), Infinity);
  return { header: headerLine(columns), lines: map.nodes.map((n) => rowLine(columns, n)), keys: map.nodes.map((n) => n.name) };
}

export function podLines(node: BgpNode): NodeLines {
  const pods = [...node.pods].sort((a, b) => a.backend.localeCompare(b.backend) || a.server.localeCompare(b.server) || a.lb.localeCompare(b.lb));
  const columns = fitColumns(podColumns(pods), Infinity);
  return { header: headerLine(columns), lines: pods.map((p) => rowLine(columns, p)), keys: pods.map((p) => `${p.lb}\0${podRef(p)}`) };
}

/** What is not in the list: LBs whose BIRD could not be read, servers two nodes claim alike. */
export function mapNotes(map: BgpNodeMap): Line[] {
  return [
    ...map.errors.map((e) => plain(`! ${e.lb}: BIRD not read: ${e.error}`, 'header.down')),
    ...map.conflicts.map((c) => plain(`! ${c.member.lb} ${c.member.backend}/${c.member.server}: ${c.prefix} comes from ${c.nodes.join(' and ')} alike; on no node`, 'header.stale')),
  ];
}
