// `lbtop nodes`: Kubernetes nodes through BGP as text and as JSON, from the pure map (store/bgp-nodes.ts).
import type { BgpNodeMap } from '../model/bgp-nodes.js';

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
  const width = Math.max(4, ...map.nodes.map((n) => n.name.length));
  if (map.nodes.length > 0) lines.push(`${'NODE'.padEnd(width)}  PODS  LBS  PREFIXES`);
  for (const n of map.nodes) lines.push(`${n.name.padEnd(width)}  ${String(n.pods.length).padStart(4)}  ${n.lbs.join(',')}  ${n.prefixes.join(', ')}`);
  for (const n of map.nodes.filter((x) => x.pods.length > 0)) {
    lines.push('', `${n.name}:`);
    const w = Math.max(...n.pods.map((p) => ref(p).length));
    for (const p of n.pods) lines.push(`  ${ref(p).padEnd(w)}  ${p.ip.padEnd(15)}  ${p.status.padEnd(6)}  ${p.prefix} via ${p.protocol}${p.learnedOn !== p.lb ? ` (learned on ${p.learnedOn})` : ''}`);
  }
  for (const c of map.conflicts) lines.push(`! ${ref(c.member)} (${c.member.addr}): ${c.prefix} is announced by ${c.nodes.join(' and ')} alike; on no node`);
  for (const e of map.errors) lines.push(`! ${e.lb}: BIRD not read: ${e.error}`);
  return `${lines.join('\n')}\n`;
}
