// `:find TEXT`: a server by name, address or hostname on every LB of the fleet (the address and hostname as each
// LB has them: `show stat` addr, `show servers state` srv_addr and srv_fqdn), for the jump prompt to list and
// jump to. One match per server per LB, since an LB may carry a server at another address than its peer does.
import { findServers, type FindMatch } from '../../store/find-servers.js';
import type { TableRow } from './types.js';

export { findServers, type FindMatch };

/** The text after `find ` when the prompt asks for a search, else null. */
export function findQuery(text: string): string | null {
  const m = /^find\s+(.+)$/i.exec(text.trim());
  return m ? m[1]!.trim() : null;
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
