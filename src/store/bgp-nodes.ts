// From BIRD's BGP routes on the LBs to Kubernetes nodes and the pods on them (issue 16, seed 004): each server
// address belongs to the peer whose announced prefix holds it, longest match first. The LB's own BIRD decides
// for its servers; an LB without BIRD (or without that route) uses what the other LBs learned, since a pod's
// address means the same node from every LB. Pure: the readings come from src/runtime/bgp-nodes-runtime.ts.
import type { BgpAnnouncement, BgpNode, BgpNodeMap, BgpPod, BgpReadings } from '../model/bgp-nodes.js';
import type { LbtopConfig } from '../model/config.js';
import type { Fleet, NodeMember } from '../model/fleet.js';
import { normalizeIp } from './node-address.js';
import { ipOf } from './nodes.js';
import { bits, parsePrefix, PrefixIndex, type AddressBits, type Prefix } from './prefix-match.js';

/** Node names from lbtop.yaml: `bgp.nodes` for every LB, an LB's `bird.nodes` winning key by key. */
export type BgpNodeNames = (lb: string) => Record<string, string>;

export function bgpNodeNames(config: Pick<LbtopConfig, 'lbs' | 'bgpNodes'>): BgpNodeNames {
  return (lb) => ({ ...config.bgpNodes, ...config.lbs.find((l) => l.name === lb)?.failover?.bird?.nodes });
}

/** A key of `nodes:` as lbtop compares it: a protocol name as written, an address normalized. */
const key = (text: string) => normalizeIp(text) ?? text;

/** The node's name: the protocol named in lbtop.yaml, else its next hop, "from" peer or neighbor, else the protocol. */
function nameOf(names: Record<string, string>, protocol: string, addresses: (string | null)[]): string {
  const byKey = new Map(Object.entries(names).map(([k, v]) => [key(k), v]));
  for (const k of [protocol, ...addresses]) if (k !== null && byKey.has(key(k))) return byKey.get(key(k))!;
  return protocol;
}

type Known = BgpAnnouncement & { node: string; parsed: Prefix };

function announcements(readings: BgpReadings, names: BgpNodeNames): Known[] {
  const out: Known[] = [];
  for (const [lb, { reading }] of Object.entries(readings)) {
    if (!reading) continue;
    const own = names(lb);
    for (const route of reading.routes) {
      const parsed = parsePrefix(route.network);
      const peer = reading.peers.find((p) => p.protocol === route.protocol);
      if (!parsed || !peer) continue;
      const via = route.nextHops[0]?.via ?? null;
      const node = nameOf(own, route.protocol, [via, route.from, peer.neighbor]);
      out.push({ prefix: route.network, lb, protocol: route.protocol, via, primary: route.primary, node, parsed });
    }
  }
  return out;
}

type Decision = { by: Known } | { tie: string[]; prefix: string };

/** The longest announcements holding `ip` as seen from `lb`: its own BIRD's, else any LB's (one array per prefix). */
function candidates(all: PrefixIndex<Known>, byLb: ReadonlyMap<string, PrefixIndex<Known>>, lb: string, ip: AddressBits): Known[] {
  const own = byLb.get(lb)?.longest(ip) ?? [];
  return own.length > 0 ? own : all.longest(ip);
}

/** Which of equally long announcements names the node, or the nodes that tie. */
function decide(best: readonly Known[]): Decision | null {
  if (best.length === 0) return null;
  const nodes = new Set(best.map((k) => k.node));
  if (nodes.size === 1) return { by: best.find((k) => k.primary) ?? best[0]! };
  // Two peers announce the same prefix: BIRD's choice (the primary route) is where traffic goes.
  const primary = best.filter((k) => k.primary);
  if (new Set(primary.map((k) => k.node)).size === 1) return { by: primary[0]! };
  return { tie: [...nodes].sort(), prefix: best[0]!.prefix };
}

const byAddress = (a: Prefix, b: Prefix) => Number(a.v6) - Number(b.v6) || (a.network < b.network ? -1 : a.network > b.network ? 1 : a.length - b.length);

export function mapBgpNodes(fleet: Fleet, readings: BgpReadings, names: BgpNodeNames): BgpNodeMap {
  const known = announcements(readings, names);
  const nodes = new Map<string, BgpNode>();
  const nodeOf = (name: string) => nodes.get(name) ?? nodes.set(name, { name, prefixes: [], announcements: [], lbs: [], pods: [] }).get(name)!;
  for (const k of [...known].sort((a, b) => byAddress(a.parsed, b.parsed))) {
    const n = nodeOf(k.node);
    const { node: _node, parsed: _parsed, ...announcement } = k;
    n.announcements.push(announcement);
    if (!n.prefixes.includes(k.prefix)) n.prefixes.push(k.prefix);
    if (!n.lbs.includes(k.lb)) n.lbs.push(k.lb);
  }
  const all = new PrefixIndex(known, (k) => k.parsed);
  const byLb = new Map([...new Set(known.map((k) => k.lb))].map((lb) => [lb, new PrefixIndex(known.filter((k) => k.lb === lb), (k) => k.parsed)] as const));
  // Each address parsed once, however many LBs and prefixes it is matched against.
  const parsed = new Map<string, AddressBits | null>();
  const bitsOf = (ip: string) => (parsed.has(ip) ? parsed.get(ip)! : parsed.set(ip, bits(ip)).get(ip)!);
  const decisions = new Map<readonly Known[], Decision | null>();
  const conflicts: BgpNodeMap['conflicts'] = [];
  for (const cluster of fleet.clusters) {
    for (const backend of cluster.backends) {
      for (const server of backend.servers) {
        for (const [lb, on] of Object.entries(server.perLb)) {
          const member: NodeMember = { lb, cluster: cluster.name, backend: backend.name, server: server.name, addr: on.row.addr, fqdn: on.state?.fqdn ?? '' };
          const ip = ipOf(member);
          const b = ip === null || known.length === 0 ? null : bitsOf(ip);
          const best = b === null ? null : candidates(all, byLb, lb, b);
          // The index hands out one array per prefix: its decision is made once, not once per server.
          const found = best === null ? null : decisions.has(best) ? decisions.get(best)! : decisions.set(best, decide(best)).get(best)!;
          if (!found || ip === null) continue;
          if ('tie' in found) {
            conflicts.push({ member, nodes: found.tie, prefix: found.prefix });
            continue;
          }
          // Written out, not `{ ...member }`: a spread per server was most of the time of a 20,000-server map.
          const { by } = found;
          const pod: BgpPod = { lb, cluster: member.cluster, backend: member.backend, server: member.server, addr: member.addr, fqdn: member.fqdn, ip, status: on.row.status, prefix: by.prefix, protocol: by.protocol, learnedOn: by.lb };
          nodeOf(found.by.node).pods.push(pod);
        }
      }
    }
  }
  const errors = Object.entries(readings).flatMap(([lb, r]) => (r.error !== null ? [{ lb, error: r.error }] : []));
  return { nodes: [...nodes.values()].sort((a, b) => a.name.localeCompare(b.name)), errors, conflicts };
}

/** The node a NODE argument names, if it is a BGP node's name. */
export function findBgpNode(map: BgpNodeMap | null | undefined, name: string): BgpNode | null {
  return map?.nodes.find((n) => n.name === name) ?? null;
}
