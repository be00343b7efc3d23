// `show route [protocol NAME]` and `show route count`, BIRD 2.x and 1.6 (fixtures/bird/):
//   1.6  172.16.171.64/26   via 10.98.0.2 on eth1 [bgp1 12:34:22] * (100) [i]
//   2.x  Table master4:
//        172.16.189.64/26     unicast [bgp1 12:34:10.863] * (100) [i]
//        	via 10.98.0.2 on eth1
// An alternative route for the same network repeats the line without the network. Attribute lines of
// `show route all` ("\tBGP.origin: IGP", "\tType: BGP univ") are kept by name on their route.
import { ParseError } from '../../model/errors.js';
import type { BirdRoute, BirdRouteCount } from '../../model/failover.js';
import { splitCidr } from '../netlink/address.js';
import { decodeBirdReply, type BirdReplyForm } from './reply.js';
import { matchRouteHead } from './route-head.js';

const NEXT_HOP = /^\s+via (\S+)(?: on (\S+))?/;
const DEV = /^\s+dev (\S+)/;
const ATTRIBUTE = /^\s+([\w.]+(?: \w+)*):(?:\s(.*))?$/;

function what(text: string, line: number): Pick<BirdRoute, 'type' | 'nextHops'> {
  const via = /^via (\S+)(?: on (\S+))?/.exec(text);
  if (via) return { type: 'unicast', nextHops: [{ via: via[1] ?? null, interface: via[2] ?? null }] };
  const dev = /^dev (\S+)$/.exec(text);
  if (dev) return { type: 'unicast', nextHops: [{ via: null, interface: dev[1] ?? null }] };
  if (/^[a-z]+$/.test(text)) return { type: text, nextHops: [] };
  throw new ParseError(`route: cannot read "${text}"`, line);
}

export function parseBirdRoutes(text: string, form?: BirdReplyForm): BirdRoute[] {
  const routes: BirdRoute[] = [];
  let table: string | null = null;
  let network: string | null = null;
  for (const { text: body, line } of decodeBirdReply(text, form).lines) {
    const tableHeader = /^Table (\S+):$/.exec(body.trim());
    if (tableHeader) {
      table = tableHeader[1] ?? null;
      network = null;
      continue;
    }
    // network?, what (next hop or type), [proto since (from peer)?], primary?, (preference[/metric]), [origin]?
    const head = matchRouteHead(body);
    if (head) {
      if (head.network !== undefined) {
        if (!splitCidr(head.network)) throw new ParseError(`route: "${head.network}" is not a network`, line);
        network = head.network;
      }
      if (network === null) throw new ParseError('alternative route line before any network', line);
      routes.push({
        network,
        table,
        ...what(head.what, line),
        protocol: head.protocol,
        since: head.since.trim(),
        primary: head.primary,
        preference: Number(head.preference),
        from: head.from ?? null,
        attributes: {},
      });
      continue;
    }
    const last = routes[routes.length - 1];
    const via = NEXT_HOP.exec(body);
    const dev = via ? null : DEV.exec(body);
    if (last && via) {
      last.nextHops.push({ via: via[1] ?? null, interface: via[2] ?? null });
      continue;
    }
    if (last && dev) {
      last.nextHops.push({ via: null, interface: dev[1] ?? null });
      continue;
    }
    const attribute = ATTRIBUTE.exec(body);
    if (attribute && last) {
      last.attributes[attribute[1] as string] = (attribute[2] ?? '').trim();
      continue;
    }
    throw new ParseError(`not a route line: "${body.trim().slice(0, 80)}"`, line);
  }
  return routes;
}

const COUNT_TABLE = /^(\d+) of (\d+) routes for (\d+) networks(?: in table (\S+))?$/;
const COUNT_TOTAL = /^Total: (\d+) of (\d+) routes for (\d+) networks in (\d+) tables?$/;

/** "2 of 2 routes for 2 networks in table master4" per table (1.6: one line, no table), then BIRD 2's Total. */
export function parseBirdRouteCount(text: string, form?: BirdReplyForm): BirdRouteCount {
  const tables: BirdRouteCount['tables'] = [];
  let total: { routes: number; networks: number } | null = null;
  const lines = decodeBirdReply(text, form).lines;
  for (const { text: body, line } of lines) {
    const t = COUNT_TABLE.exec(body.trim());
    const tot = COUNT_TOTAL.exec(body.trim());
    if (t) {
      tables.push({ table: t[4] ?? null, routes: Number(t[1]), totalRoutes: Number(t[2]), networks: Number(t[3]) });
    } else if (tot) {
      total = { routes: Number(tot[1]), networks: Number(tot[3]) };
    } else {
      throw new ParseError(`not a route count line: "${body.trim().slice(0, 80)}"`, line);
    }
  }
  if (tables.length === 0) throw new ParseError('no route count in the reply', lines[0]?.line ?? 1);
  return {
    tables,
    routes: total?.routes ?? tables.reduce((n, t) => n + t.routes, 0),
    networks: total?.networks ?? tables.reduce((n, t) => n + t.networks, 0),
  };
}
