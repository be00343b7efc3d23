// `lbtop map|acl|drift|trace|certs`: dispatch of the routing editor's subcommands.
import { readDrift } from '../actions/drift-read.js';
import { driftJson, formatDrift } from '../actions/drift-text.js';
import type { RoutingDeps } from '../actions/maps/deps.js';
import { traceOnLbs, traceRequestOf } from '../actions/trace-read.js';
import { formatFleetTrace } from '../actions/trace-text.js';
import type { RoutingInvocation } from '../cli/maps-args.js';
import { readCerts } from '../sources/haproxy/ssl-cert.js';
import { formatCerts } from './certs-text.js';
import { runPatternCommand, type Io } from './maps-command.js';

export async function runRoutingCommand(deps: RoutingDeps, inv: RoutingInvocation, io: Io, now = Date.now()): Promise<number> {
  switch (inv.kind) {
    case 'pattern':
      return runPatternCommand(deps, inv, io);
    case 'drift': {
      const report = await readDrift(deps, inv.lbs);
      io.out(inv.json ? `${JSON.stringify(driftJson(report), null, 2)}\n` : `${formatDrift(report)}\n`);
      // 0: checked everywhere, no drift; 1: drift; 2: an LB could not be checked.
      return report.lbs.some((l) => !l.checked) ? 2 : report.items.length > 0 ? 1 : 0;
    }
    case 'trace': {
      const t = await traceOnLbs(deps, traceRequestOf(inv.target, inv.sni), { only: inv.lbs, ...(inv.frontend ? { frontend: inv.frontend } : {}) });
      io.out(inv.json ? `${JSON.stringify(t, null, 2)}\n` : `${formatFleetTrace(t, !inv.brief)}\n`);
      return t.lbs.some((l) => l.error) ? 2 : t.differs.length > 0 ? 1 : 0;
    }
    case 'certs': {
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
  }
}
