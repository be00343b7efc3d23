// The NODES tables' columns (NODES panel and `lbtop nodes`): the Kubernetes nodes seen through BGP, and one
// node's pods. The name and address columns are as wide as the longest one (an IPv6 pod address is long).
import type { BgpNode, BgpPod } from '../../model/bgp-nodes.js';
import { statusToken } from '../status-token.js';
import type { Column } from '../table.js';

const up = (status: string) => statusToken(status) === 'status.up';
const GAP = '  ';

export function nodeColumns(nodes: readonly BgpNode[]): Column<BgpNode>[] {
  const width = Math.max(4, ...nodes.map((n) => n.name.length));
  return [
    { id: 'node', header: 'NODE', width, align: 'left', cell: (n) => ({ text: n.name }) },
    { id: 'pods', header: 'PODS', width: 4, align: 'right', before: GAP, cell: (n) => ({ text: String(n.pods.length) }) },
    {
      id: 'state', header: 'STATE', width: 10, align: 'left', before: GAP,
      cell: (n) => {
        const down = n.pods.filter((p) => !up(p.status)).length;
        return { text: down > 0 ? `${down} not up` : n.pods.length > 0 ? 'all up' : '-', token: down > 0 ? 'status.drain' : n.pods.length > 0 ? 'status.up' : 'text.dim' };
      },
    },
    { id: 'lbs', header: 'LBS', width: 12, align: 'left', before: GAP, cell: (n) => ({ text: n.lbs.join(',') }) },
    { id: 'prefixes', header: 'PREFIXES (BGP)', width: 0, align: 'left', rest: true, before: GAP, cell: (n) => ({ text: n.prefixes.join(', ') }) },
  ];
}

export const podRef = (p: BgpPod) => `${p.backend}/${p.server}`;

export function podColumns(pods: readonly BgpPod[]): Column<BgpPod>[] {
  return [
    { id: 'lb', header: 'LB', width: 10, align: 'left', cell: (p) => ({ text: p.lb }) },
    { id: 'server', header: 'BACKEND/SERVER', width: Math.max(14, ...pods.map((p) => podRef(p).length)), align: 'left', before: GAP, cell: (p) => ({ text: podRef(p) }) },
    { id: 'address', header: 'ADDRESS', width: Math.max(15, ...pods.map((p) => p.ip.length)), align: 'left', before: GAP, cell: (p) => ({ text: p.ip }) },
    { id: 'state', header: 'STATE', width: 10, align: 'left', before: GAP, cell: (p) => ({ text: p.status, token: statusToken(p.status) }) },
    { id: 'prefix', header: 'PREFIX', width: 0, align: 'left', rest: true, before: GAP, cell: (p) => ({ text: `${p.prefix} via ${p.protocol}${p.learnedOn !== p.lb ? ` (learned on ${p.learnedOn})` : ''}` }) },
  ];
}
