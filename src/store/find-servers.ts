// A server by name, address or hostname on every LB of the fleet (the address and hostname as each LB has them:
// `show stat` addr, `show servers state` srv_addr and srv_fqdn): for the TUI's `:find` and `lbtop find`. One match
// per server per LB, since an LB may carry a server at another address than its peer does.
import type { Fleet, LogicalServer } from '../model/fleet.js';

export interface FindMatch {
  lb: string;
  cluster: string;
  backend: string;
  server: string;
  /** As that LB has it ("10.0.0.5:80"); "" when it shows none. */
  address: string;
  hostname: string;
  /** The text equals the name, the address (with or without port) or the hostname. */
  exact: boolean;
}

/** Per server and LB, its searchable fields lowercased in one string: built once per server object (the fleet
 *  builder keeps the object of a server that did not change), so a keystroke at 10,000 servers is a scan. */
const HAYSTACKS = new WeakMap<LogicalServer, string[]>();

function haystacks(backend: string, s: LogicalServer): string[] {
  let cached = HAYSTACKS.get(s);
  if (!cached) {
    cached = Object.values(s.perLb).map((on) => `${s.name}\n${backend}/${s.name}\n${on.row.addr || on.state?.address || ''}\n${on.state?.fqdn ?? ''}`.toLowerCase());
    HAYSTACKS.set(s, cached);
  }
  return cached;
}

/** Matches of `query` (case-insensitive, anywhere in the field), exact ones first, then in the table's order. */
export function findServers(fleet: Fleet, query: string, limit = 200): FindMatch[] {
  const q = query.toLowerCase();
  if (q.includes('\n')) return [];
  const exact: FindMatch[] = [];
  const partial: FindMatch[] = [];
  for (const cluster of fleet.clusters) {
    for (const be of cluster.backends) {
      for (const s of be.servers) {
        const hay = haystacks(be.name, s);
        const ons = Object.values(s.perLb);
        for (let i = 0; i < ons.length; i++) {
          if (!hay[i]!.includes(q)) continue;
          const on = ons[i]!;
          const address = on.row.addr || on.state?.address || '';
          const hostname = on.state?.fqdn ?? '';
          const fields = hay[i]!.split('\n');
          const isExact = fields.includes(q) || fields[2]!.replace(/:\d+$/, '') === q;
          const match = { lb: on.lb, cluster: cluster.name, backend: be.name, server: s.name, address, hostname, exact: isExact };
          (isExact ? exact : partial).push(match);
          if (exact.length >= limit) return exact;
        }
      }
    }
  }
  return exact.concat(partial).slice(0, limit);
}
