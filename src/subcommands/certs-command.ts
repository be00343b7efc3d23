// `lbtop certs`: the certificates HAProxy holds on each LB (show ssl cert), as text or JSON. Exit 1 when one in
// use expires within --warn-days, 2 when an LB could not be read.
import type { MapsDeps } from '../actions/maps/deps.js';
import type { CertsInvocation } from '../cli/certs-args.js';
import { readCerts } from '../sources/haproxy/ssl-cert.js';
import { formatCerts } from './certs-text.js';

export async function runCertsCommand(deps: MapsDeps, inv: CertsInvocation, io: { out(text: string): void; err(text: string): void }, now = Date.now()): Promise<number> {
  const lbs = inv.lbs.length > 0 ? inv.lbs : deps.lbs;
  const certs = [];
  let failed = false;
  for (const lb of lbs) {
    try {
      certs.push(...(await readCerts(deps.clients.get(lb)!, lb, now)));
    } catch (error) {
      failed = true;
      io.err(`${lb}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  io.out(inv.json ? `${JSON.stringify(certs, null, 2)}\n` : `${formatCerts(certs, inv.warnDays)}\n`);
  return failed ? 2 : certs.some((c) => c.used && c.daysLeft !== null && c.daysLeft <= inv.warnDays) ? 1 : 0;
}
