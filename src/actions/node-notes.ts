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

export function nodeNotes(resolution: Exclude<NodeResolution, { kind: 'ambiguous' | 'unknown' }>, request: { node: string; cluster?: string }): string[] {
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
