// Runs `lbtop sessions`, `lbtop sessions kill` and `lbtop errors` (src/cli/session-args.ts). A kill is a Plan like
// every write: read the sessions, print the preview, then --dry-run stops, --yes or a terminal y sends through
// applyPlan (write path, audit, verify by re-reading show sess).
import { reportText } from '../present/apply-report.js';
import { planText } from '../present/plan-preview.js';
import type { SessionInvocation } from '../cli/session-args.js';
import { EXIT, exitCodeOf } from '../cli/exit-codes.js';
import type { SessionsService } from '../runtime/sessions-service.js';
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
  io.out(`${planText(plan)}\n`);
  for (const c of plan.commands) io.out(`  [${c.lb}] ends: ${c.before}\n`);
  if (plan.refused?.length) {
    io.err(`REFUSED before sending:\n${plan.refused.map((r) => `  ${r}\n`).join('')}Nothing was sent.\n`);
    return EXIT.REFUSED;
  }
  if (inv.dryRun) return plan.commands.length > 0 ? EXIT.OK : EXIT.FAILED;
  if (plan.commands.length === 0) return EXIT.FAILED;
  if (!inv.yes && !(await io.confirm('End these sessions?'))) {
    io.out('Nothing sent.\n');
    return EXIT.FAILED;
  }
  const report = await io.sessions.apply(plan);
  io.out(`${reportText(report)}\n`);
  if (inv.json) io.out(`${JSON.stringify({ outcomes: report.outcomes, ended: plan.commands.map((c) => ({ lb: c.lb, sessions: c.sessions })) })}\n`);
  return exitCodeOf(report);
}
