// From what the operator typed (an address, a server name, a hostname) to the machine it means. A node is a
// machine: every server at its address, whatever its name or port, on every backend of every LB. Seed 000
// reuses names across clusters on different machines (worker1 is .94 in k8s01, .101 in k8s01-dev, .111 in
// k8s02-dev), so a name that lands on several addresses names no machine: the caller lists the candidates.
import type { BgpNode, BgpNodeMap, BgpPod } from '../model/bgp-nodes.js';
import type { Fleet, NodeCandidate, NodeMember } from '../model/fleet.js';
import { normalizeIp, serverAddress } from './node-address.js';

export interface NodeQuery {
  node: string;
  /** Only this cluster's backends (or, with `lbGroup`, only these LBs). */
  cluster?: string;
  lbGroup?: readonly string[];
  /** The addresses a hostname NODE resolved to (the composition root asks DNS when no server carries the name). */
  resolved?: readonly string[];
  /** Kubernetes nodes read from BIRD on the LBs (store/bgp-nodes.ts): a NODE that names one takes its pods. */
  bgp?: BgpNodeMap | null;
}

export type NodeResolution =
  | {
      kind: 'machine';
      address: string;
      via: 'address' | 'name' | 'hostname';
      /** Every server at the address inside the scope: the node. */
      members: NodeMember[];
      /** At the address but outside --cluster: not in the plan, and the preview says so. */
      outside: NodeMember[];
      /** Servers in scope with no machine address (unix, none): never matched, always listed. */
      unaddressed: NodeMember[];
    }
  /** The name is carried only by servers without a machine address (unix sockets, the demo): the node is them. */
  | { kind: 'named'; members: NodeMember[] }
  | { kind: 'ambiguous'; candidates: NodeCandidate[]; unaddressed: NodeMember[] }
  | { kind: 'unknown'; reason: string; hostname: boolean }
  /** A BGP peer's name (seed 004's worker1): every server inside the prefixes it announces, on every LB. */
  | { kind: 'bgp'; node: BgpNode; members: BgpPod[]; outside: BgpPod[]; named: NodeMember[]; errors: BgpNodeMap['errors'] };

/** Every (LB, backend, server) of the fleet with the cluster that shows it. */
export function nodeMembers(fleet: Fleet): NodeMember[] {
  const out: NodeMember[] = [];
  for (const cluster of fleet.clusters) {
    for (const backend of cluster.backends) {
      for (const server of backend.servers) {
        for (const [lb, on] of Object.entries(server.perLb)) {
          out.push({ lb, cluster: cluster.name, backend: backend.name, server: server.name, addr: on.row.addr, fqdn: on.state?.fqdn ?? '' });
        }
      }
    }
  }
  return out;
}

export const ipOf = (m: NodeMember): string | null => {
  const a = serverAddress(m.addr);
  return a.kind === 'ip' ? a.ip : null;
};

/** An address as a NODE argument: an IP, IPv6 possibly in brackets; null for anything else. */
export function addressArgument(node: string): string | null {
  return normalizeIp(node);
}

export function resolveNode(fleet: Fleet, query: NodeQuery): NodeResolution {
  const all = nodeMembers(fleet);
  const inScope = (m: NodeMember) => query.cluster === undefined || (query.lbGroup ? query.lbGroup.includes(m.lb) : m.cluster === query.cluster);
  const scoped = all.filter(inScope);
  const unaddressed = scoped.filter((m) => ipOf(m) === null);
  const machine = (address: string, via: 'address' | 'name' | 'hostname'): Extract<NodeResolution, { kind: 'machine' }> => ({
    kind: 'machine',
    address,
    via,
    members: scoped.filter((m) => ipOf(m) === address),
    outside: all.filter((m) => !inScope(m) && ipOf(m) === address),
    unaddressed,
  });
  const where = query.cluster !== undefined ? ` in ${query.cluster}` : '';
  const address = addressArgument(query.node);
  if (address !== null) return machine(address, 'address');
  // A name: the server name, or the DNS name a server is configured with.
  // A DNS name compares without case (RFC 4343); a server name as HAProxy stores it.
  const named = scoped.filter((m) => m.server === query.node || (m.fqdn !== '' && m.fqdn.toLowerCase() === query.node.toLowerCase()));
  // A BGP node's name comes before a server name: the node is what announces the pods' addresses, and servers
  // named like it elsewhere are listed by the preview, not taken.
  const bgpNode = query.bgp?.nodes.find((n) => n.name === query.node);
  if (bgpNode) {
    const same = (a: NodeMember, b: NodeMember) => a.lb === b.lb && a.backend === b.backend && a.server === b.server;
    const members = bgpNode.pods.filter(inScope);
    return { kind: 'bgp', node: bgpNode, members, outside: bgpNode.pods.filter((p) => !inScope(p)), named: named.filter((m) => !members.some((p) => same(p, m))), errors: query.bgp!.errors };
  }
  const ips = [...new Set(named.map(ipOf).filter((ip): ip is string => ip !== null))];
  if (ips.length === 1) return { ...machine(ips[0]!, 'name'), unaddressed: unaddressed.filter((m) => named.includes(m)) };
  if (ips.length > 1) return { kind: 'ambiguous', candidates: ips.map((ip) => candidate(ip, scoped)), unaddressed: named.filter((m) => ipOf(m) === null) };
  if (named.length > 0) return { kind: 'named', members: named };
  if (query.resolved) {
    const present = [...new Set(query.resolved.map((r) => normalizeIp(r)).filter((ip): ip is string => ip !== null && scoped.some((m) => ipOf(m) === ip)))];
    if (present.length === 1) return machine(present[0]!, 'hostname');
    if (present.length > 1) return { kind: 'ambiguous', candidates: present.map((ip) => candidate(ip, scoped)), unaddressed: [] };
    return { kind: 'unknown', hostname: true, reason: `"${query.node}" resolves to ${query.resolved.join(', ') || 'no address'}; no server${where} is at ${query.resolved.length > 1 ? 'any of them' : 'it'}` };
  }
  return { kind: 'unknown', hostname: false, reason: `no server named or addressed "${query.node}"${where} on any LB` };
}

export function candidate(address: string, members: readonly NodeMember[]): NodeCandidate {
  const at = members.filter((m) => ipOf(m) === address);
  const uniq = (xs: string[]) => [...new Set(xs)];
  return { address, members: at, backends: uniq(at.map((m) => m.backend)), clusters: uniq(at.map((m) => m.cluster)), names: uniq(at.map((m) => m.server)) };
}

/** The machines a table row's server sits on (one per distinct address across its LBs; none for unix/no address). */
export function machinesOfServer(fleet: Fleet, backend: string, server: string): string[] {
  const rows = nodeMembers(fleet).filter((m) => m.backend === backend && m.server === server);
  return [...new Set(rows.map(ipOf).filter((ip): ip is string => ip !== null))];
}
