// Runs `lbtop sessions`, `lbtop sessions kill` and `lbtop errors` (src/cli/session-args.ts). A kill is a Plan like
// every write: read the sessions, then the one confirmation (confirm-write.ts: preview, --dry-run stops, --yes or a
// terminal y sends) through the sessions service (write path, audit, verify by re-reading show sess).
import type { SessionInvocation } from '../cli/session-args.js';
import { EXIT, exitCodeOf } from '../cli/exit-codes.js';
import type { SessionsService } from '../runtime/sessions-service.js';
import { confirmWrite } from './confirm-write.js';
import { errorsJson, errorsText, sessionsJson, sessionsText } from './sessions-text.js';

export interface SessionsIo {
  /** The SESSIONS panel's service (src/runtime/sessions-service.ts), over the fleet. */
  sessions: SessionsService;
  out(text: string): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
}

export async function runSessionsCommand(inv: SessionInvocation, io: SessionsIo): Promise<number> {
  const lbs = inv.lbs.length > 0 ? inv.lbs : io.sessions.lbs;
  if (inv.kind === 'errors') {
    const reads = await io.sessions.errors(lbs);
    io.out(inv.json ? `${JSON.stringify(errorsJson(reads), null, 2)}\n` : errorsText(reads));
    return reads.every((r) => 'read' in r) ? EXIT.OK : EXIT.FAILED;
  }
  if (inv.kind === 'sessions') {
    const filter = { ...(inv.backend ? { backend: inv.backend } : {}), ...(inv.server ? { server: inv.server } : {}) };
    const reads = await io.sessions.read(filter, lbs);
    io.out(inv.json ? `${JSON.stringify(sessionsJson(reads), null, 2)}\n` : sessionsText(reads));
    return reads.every((r) => 'read' in r) ? EXIT.OK : EXIT.FAILED;
  }
  const plan = await io.sessions.plan({ ...inv.target, ...(inv.id ? { id: inv.id } : {}) }, lbs);
  // Who is cut is in the preview ("Sessions that will be cut"), as the TUI shows it.
  const sent = await confirmWrite(plan, inv, io, { send: () => io.sessions.apply(plan), outcome: (report) => ({ kind: 'servers', report }) });
  if (!sent.sent) return sent.code;
  const report = sent.result;
  if (inv.json) io.out(`${JSON.stringify({ outcomes: report.outcomes, ended: plan.commands.map((c) => ({ lb: c.lb, sessions: c.sessions })) })}\n`);
  return exitCodeOf(report);
}
