// What a node preview says about how the node was read and what it does not include. Nothing about a node is
// matched or left out silently: the machine's address and each server's name, the servers addressed by a DNS
// name (included by their current address, which may change), the servers at the address that --cluster leaves
// out, and the servers without a machine address (unix sockets, unresolved names, placeholders).
import type { NodeMember } from '../model/fleet.js';
import { whyNoAddress } from '../store/node-address.js';
import type { NodeResolution } from '../store/nodes.js';

const SHOWN = 6;

const ref = (m: NodeMember) => `${m.lb}: ${m.backend}/${m.server}`;

function list(members: readonly NodeMember[], each: (m: NodeMember) => string): string {
  const shown = members.slice(0, SHOWN).map(each).join('; ');
  return members.length > SHOWN ? `${shown}; and ${members.length - SHOWN} more` : shown;
}

/** How the preview says one server was matched: by the machine's address, or by a BGP prefix and its peer. */
export function matchOf(resolution: NodeResolution, request: { node: string }, member: NodeMember): string | undefined {
  if (resolution.kind === 'bgp') {
    const pod = resolution.members.find((p) => p.lb === member.lb && p.backend === member.backend && p.server === member.server);
    if (!pod) return undefined;
    return `BGP prefix ${pod.prefix} via ${pod.protocol}${pod.learnedOn !== pod.lb ? ` (learned on ${pod.learnedOn})` : ''}`;
  }
  if (resolution.kind !== 'machine') return resolution.kind === 'named' ? `name ${request.node}` : undefined;
  if (resolution.via === 'address') return `address ${resolution.address}`;
  return `${resolution.via} ${request.node} → ${resolution.address}`;
}

function bgpNotes(resolution: Extract<NodeResolution, { kind: 'bgp' }>, request: { node: string; cluster?: string }): string[] {
  const { node } = resolution;
  const learned = node.prefixes.map((p) => {
    const on = node.announcements.filter((a) => a.prefix === p).map((a) => (a.protocol === node.name ? a.lb : `${a.lb} via ${a.protocol}`));
    return `${p} (${on.join(', ')})`;
  });
  const notes = [`node = BGP peer ${node.name}, announcing ${learned.join('; ')}: ${resolution.members.length} server(s) inside, matched by the longest prefix`];
  if (resolution.outside.length > 0) notes.push(`also inside its prefixes but outside ${request.cluster}, not in this plan: ${list(resolution.outside, ref)}`);
  if (resolution.named.length > 0) notes.push(`named ${request.node} but not inside its prefixes, not in this plan: ${list(resolution.named, (m) => `${ref(m)} (${m.addr || 'no address'})`)}`);
  for (const e of resolution.errors) notes.push(`${e.lb}: BIRD not read (${e.error}); the prefixes it learns are not in this map`);
  return notes;
}

export function nodeNotes(resolution: Exclude<NodeResolution, { kind: 'ambiguous' | 'unknown' }>, request: { node: string; cluster?: string }): string[] {
  if (resolution.kind === 'bgp') return bgpNotes(resolution, request);
  if (resolution.kind === 'named') {
    const m = resolution.members;
    return [`"${request.node}" has no machine address on any LB (${[...new Set(m.map((x) => whyNoAddress(x.addr, x.fqdn)))].join(', ')}): the node is the ${m.length} server(s) named so`];
  }
  const notes: string[] = [];
  const names = [...new Set(resolution.members.map((m) => m.server))];
  const via = resolution.via === 'name' ? ` (the address of the servers named ${request.node})` : resolution.via === 'hostname' ? ` (${request.node} resolves to it)` : '';
  notes.push(`node = machine ${resolution.address}${via}: ${resolution.members.length} server(s) at that address, named ${names.join(', ') || '(none)'}`);
  const dns = resolution.members.filter((m) => m.fqdn !== '');
  if (dns.length > 0) notes.push(`addressed by a DNS name, included by the address it resolves to now (it may change): ${list(dns, (m) => `${ref(m)} (${m.fqdn})`)}`);
  if (resolution.outside.length > 0) notes.push(`also at ${resolution.address} but outside ${request.cluster}, not in this plan: ${list(resolution.outside, ref)}`);
  if (resolution.unaddressed.length > 0) {
    notes.push(`not included, no machine address so lbtop cannot tell where they run: ${list(resolution.unaddressed, (m) => `${ref(m)} (${whyNoAddress(m.addr, m.fqdn)})`)}`);
  }
  return notes;
}
