// What the NODES panel shows, as pure lines: the nodes (name, pods, how many are up, the LBs that learn them, the
// prefixes), or one node's pods (LB, backend/server, address, state, the prefix that placed it). Colour comes from
// the server's state, as in the fleet table.
import type { BgpNode, BgpNodeMap } from '../../../model/bgp-nodes.js';
import { statusToken } from '../../columns/common.js';
import { fit } from '../../columns/format.js';
import { plain, type Line } from '../../components/ScrollText.js';

export interface NodeLines {
  header: Line;
  lines: Line[];
  /** One key per line, so the cursor can follow its line across refreshes. */
  keys: string[];
}

const up = (status: string) => statusToken(status) === 'status.up';

export function nodeListLines(map: BgpNodeMap): NodeLines {
  const width = Math.max(4, ...map.nodes.map((n) => n.name.length));
  const lines: Line[] = map.nodes.map((n) => {
    const down = n.pods.filter((p) => !up(p.status)).length;
    return [
      { text: `${fit(n.name, width, 'left')}  ${fit(String(n.pods.length), 4, 'right')}  ` },
      { text: fit(down > 0 ? `${down} not up` : n.pods.length > 0 ? 'all up' : '-', 10, 'left'), token: down > 0 ? 'status.drain' : n.pods.length > 0 ? 'status.up' : 'text.dim' },
      { text: `  ${fit(n.lbs.join(','), 12, 'left')}  ${n.prefixes.join(', ')}` },
    ];
  });
  return {
    header: plain(`${fit('NODE', width, 'left')}  ${fit('PODS', 4, 'right')}  ${fit('STATE', 10, 'left')}  ${fit('LBS', 12, 'left')}  PREFIXES (BGP)`, 'table.header'),
    lines,
    keys: map.nodes.map((n) => n.name),
  };
}

export function podLines(node: BgpNode): NodeLines {
  const pods = [...node.pods].sort((a, b) => a.backend.localeCompare(b.backend) || a.server.localeCompare(b.server) || a.lb.localeCompare(b.lb));
  const ref = (p: (typeof pods)[number]) => `${p.backend}/${p.server}`;
  const w = Math.max(14, ...pods.map((p) => ref(p).length));
  const a = Math.max(15, ...pods.map((p) => p.ip.length)); // an IPv6 pod address is longer than 15
  return {
    header: plain(`${fit('LB', 10, 'left')}  ${fit('BACKEND/SERVER', w, 'left')}  ${fit('ADDRESS', a, 'left')}  ${fit('STATE', 10, 'left')}  PREFIX`, 'table.header'),
    lines: pods.map((p) => [
      { text: `${fit(p.lb, 10, 'left')}  ${fit(ref(p), w, 'left')}  ${fit(p.ip, a, 'left')}  ` },
      { text: fit(p.status, 10, 'left'), token: statusToken(p.status) },
      { text: `  ${p.prefix} via ${p.protocol}${p.learnedOn !== p.lb ? ` (learned on ${p.learnedOn})` : ''}` },
    ]),
    keys: pods.map((p) => `${p.lb}\0${ref(p)}`),
  };
}

/** What is not in the list: LBs whose BIRD could not be read, servers two nodes claim alike. */
export function mapNotes(map: BgpNodeMap): Line[] {
  return [
    ...map.errors.map((e) => plain(`! ${e.lb}: BIRD not read: ${e.error}`, 'header.down')),
    ...map.conflicts.map((c) => plain(`! ${c.member.lb} ${c.member.backend}/${c.member.server}: ${c.prefix} comes from ${c.nodes.join(' and ')} alike; on no node`, 'header.stale')),
  ];
}
