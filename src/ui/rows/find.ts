// `:find TEXT`: a server by name, address or hostname on every LB of the fleet (the address and hostname as each
// LB has them: `show stat` addr, `show servers state` srv_addr and srv_fqdn), for the jump prompt to list and
// jump to. One match per server per LB, since an LB may carry a server at another address than its peer does.
import type { Fleet } from '../../model/fleet.js';
import type { TableRow } from './types.js';

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

/** The text after `find ` when the prompt asks for a search, else null. */
export function findQuery(text: string): string | null {
  const m = /^find\s+(.+)$/i.exec(text.trim());
  return m ? m[1]!.trim() : null;
}

/** Matches of `query` (case-insensitive, anywhere in the field), exact ones first, then in the table's order. */
export function findServers(fleet: Fleet, query: string, limit = 200): FindMatch[] {
  const q = query.toLowerCase();
  const exact: FindMatch[] = [];
  const partial: FindMatch[] = [];
  for (const cluster of fleet.clusters) {
    for (const be of cluster.backends) {
      for (const s of be.servers) {
        for (const [lb, on] of Object.entries(s.perLb)) {
          const address = on.row.addr || on.state?.address || '';
          const hostname = on.state?.fqdn ?? '';
          const host = address.replace(/:\d+$/, '');
          const fields = [s.name, `${be.name}/${s.name}`, address, hostname].map((f) => f.toLowerCase());
          if (!fields.some((f) => f.includes(q))) continue;
          const isExact = fields.includes(q) || host.toLowerCase() === q;
          const match = { lb, cluster: cluster.name, backend: be.name, server: s.name, address, hostname, exact: isExact };
          (isExact ? exact : partial).push(match);
          if (exact.length >= limit) return exact;
        }
      }
    }
  }
  return exact.concat(partial).slice(0, limit);
}

/** "lb1 be_app/web3 10.0.0.5:80 web3.example.net", as the prompt lists a match. */
export function findLine(m: FindMatch): string {
  return [m.lb, `${m.backend}/${m.server}`, m.address || '(no address)', m.hostname].filter(Boolean).join(' ');
}

/** The table row a match jumps to: the server's sub-row of that LB when rows are expanded, else its row. */
export function findMatchRow(rows: readonly TableRow[], m: FindMatch): number {
  const at = rows.findIndex((r) => r.kind === 'sublb' && r.cluster === m.cluster && r.backend === m.backend && r.server === m.server && r.lb === m.lb);
  if (at >= 0) return at;
  return rows.findIndex((r) => r.kind === 'server' && r.cluster === m.cluster && r.backend === m.backend && r.server === m.server);
}
