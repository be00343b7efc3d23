// `lbtop nodes`: Kubernetes nodes through BGP as text (the NODES panel's columns) and as JSON, from the pure map
// (store/bgp-nodes.ts).
import type { BgpNodeMap } from '../model/bgp-nodes.js';
import { nodeColumns, podColumns } from '../present/columns/nodes.js';
import { textTable } from '../present/text-table.js';

const ref = (m: { lb: string; backend: string; server: string }) => `${m.lb}  ${m.backend}/${m.server}`;

export function nodesJson(map: BgpNodeMap) {
  return {
    nodes: map.nodes.map((n) => ({
      name: n.name,
      prefixes: n.prefixes.map((prefix) => ({
        prefix,
        learnedBy: n.announcements.filter((a) => a.prefix === prefix).map((a) => ({ lb: a.lb, protocol: a.protocol, via: a.via, primary: a.primary })),
      })),
      lbs: n.lbs,
      pods: n.pods.map((p) => ({ lb: p.lb, cluster: p.cluster, backend: p.backend, server: p.server, address: p.ip, status: p.status, prefix: p.prefix, protocol: p.protocol, learnedOn: p.learnedOn })),
    })),
    conflicts: map.conflicts.map((c) => ({ lb: c.member.lb, backend: c.member.backend, server: c.member.server, addr: c.member.addr, prefix: c.prefix, nodes: c.nodes })),
    errors: map.errors,
  };
}

export function nodesText(map: BgpNodeMap): string {
  const lines: string[] = [];
  if (map.nodes.length === 0) lines.push(map.errors.length > 0 ? 'No BGP node read.' : 'No BGP node: BIRD on the LBs has no BGP route.');
  // The panel's columns but STATE (a test pins `lbtop nodes`' rows as NODE PODS LBS PREFIXES).
  const columns = nodeColumns(map.nodes).filter((c) => c.id !== 'state');
  if (map.nodes.length > 0) lines.push(...textTable(columns, map.nodes, undefined, { gap: '  ' }));
  for (const n of map.nodes.filter((x) => x.pods.length > 0)) {
    // Each node's pods under it, indented, without the header the NODES panel shows above them.
    const columns = podColumns(n.pods).map((c, i) => (i === 0 ? { ...c, before: '  ' } : c));
    lines.push('', `${n.name}:`, ...textTable(columns, n.pods, undefined, { gap: '  ' }).slice(1));
  }
  for (const c of map.conflicts) lines.push(`! ${ref(c.member)} (${c.member.addr}): ${c.prefix} is announced by ${c.nodes.join(' and ')} alike; on no node`);
  for (const e of map.errors) lines.push(`! ${e.lb}: BIRD not read: ${e.error}`);
  return `${lines.join('\n')}\n`;
}
