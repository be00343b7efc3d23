// /etc/ha.d/haresources (heartbeat v1 resource groups): "NODE RESOURCE..." per group, `\` continues a line,
// resource arguments follow `::` ("IPaddr2::10.143.0.50/32/ens10:0/10.143.0.50", "Filesystem::/dev/sdb1::/srv").
// A bare address is the IPaddr resource. haResourceVips() turns the IP resources into VIPs for the truth check,
// with the group's node as the expected owner.
import { ParseError } from '../../model/errors.js';
import type { HaResource, HaResourceGroup } from '../../model/failover.js';
import { addressKey, splitCidr } from '../netlink/address.js';

/** Logical lines: backslash-continued lines joined, comments dropped, each with the line it starts on. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | null = null;
  for (const [i, raw] of text.split('\n').entries()) {
    // From the first "#" on: /#.*$/ did the same unless a "\r" followed (`.` stops there), and then tried every
    // later "#" too (quadratic on a run of them).
    const hash = raw.indexOf('#');
    const body = (hash < 0 ? raw : raw.slice(0, hash)).trimEnd();
    const continued = body.endsWith('\\');
    const part = continued ? body.slice(0, -1) : body;
    pending = pending ? { text: `${pending.text} ${part}`, line: pending.line } : { text: part, line: i + 1 };
    if (!continued) {
      if (pending.text.trim() !== '') out.push(pending);
      pending = null;
    }
  }
  if (pending && pending.text.trim() !== '') {
    throw new ParseError('the last line ends with "\\" but nothing follows (truncated?)', pending.line);
  }
  return out;
}

function resource(token: string, line: number): HaResource {
  if (!token.includes('::')) {
    // "10.0.0.50" or "10.0.0.50/24/eth0": the IPaddr shorthand; anything else is a resource script name.
    const address = token.split('/')[0] ?? '';
    if (addressKey(address) !== null) return { agent: 'IPaddr', args: [token], raw: token };
    if (!/^[\w.:-]+$/.test(token)) throw new ParseError(`"${token.slice(0, 60)}" is not a resource`, line);
    return { agent: token, args: [], raw: token };
  }
  const [agent = '', ...args] = token.split('::');
  if (!/^[\w.:-]+$/.test(agent) || args.some((a) => a === '')) {
    throw new ParseError(`resource "${token.slice(0, 60)}" is malformed (expected NAME::ARG[::ARG...])`, line);
  }
  return { agent, args, raw: token };
}

export function parseHaresources(text: string): HaResourceGroup[] {
  return logicalLines(text).map(({ text: body, line }) => {
    const [node, ...tokens] = body.trim().split(/\s+/);
    if (node === undefined || !/^[\w.-]+$/.test(node)) {
      throw new ParseError(`"${(node ?? '').slice(0, 40)}" is not a node name`, line);
    }
    if (tokens.length === 0) throw new ParseError(`node ${node} has no resources`, line);
    return { node, resources: tokens.map((t) => resource(t, line)), line };
  });
}

export interface HaResourceVip {
  node: string;
  address: string;
  prefixLength: number | null;
  interface: string | null;
  line: number;
}

/** IPaddr/IPaddr2 arguments: "ADDR[/PREFIX[/IFACE[/BROADCAST]]]". */
export function haResourceVips(groups: readonly HaResourceGroup[]): HaResourceVip[] {
  const out: HaResourceVip[] = [];
  for (const group of groups) {
    for (const r of group.resources) {
      if (r.agent !== 'IPaddr' && r.agent !== 'IPaddr2') continue;
      const parts = (r.args[0] ?? '').split('/');
      const address = parts[0] ?? '';
      // The prefix length is optional: "10.0.0.50/eth0" names the interface right after the address.
      if (parts[1] !== undefined && !/^\d+$/.test(parts[1])) parts.splice(1, 0, '');
      const [, prefix, ifc] = parts;
      const cidr = splitCidr(prefix ? `${address}/${prefix}` : address);
      if (!cidr) throw new ParseError(`${r.agent}: "${r.args[0] ?? ''}" does not start with an address`, group.line);
      out.push({ node: group.node, ...cidr, interface: ifc || null, line: group.line });
    }
  }
  return out;
}

/** Resources of a group that are not IPaddr/IPaddr2 (seed 001's HCaliasIP moving a cloud floating IP). */
export function haOtherResources(groups: readonly HaResourceGroup[]): { node: string; resource: HaResource; line: number }[] {
  return groups.flatMap((g) => g.resources.filter((r) => r.agent !== 'IPaddr' && r.agent !== 'IPaddr2').map((resource) => ({ node: g.node, resource, line: g.line })));
}
