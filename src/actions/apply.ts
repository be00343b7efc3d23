// Applies a confirmed plan host by host, stops at the first failure, verifies by re-reading the state, and
// reports per LB. Every command is written to the audit log before it is sent.
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { buildCommand } from '../sources/haproxy/command.js';
import { parseServersState } from '../sources/haproxy/parse-servers-state.js';
import type { AuditLog } from './audit-log.js';
import { forcedAdminOf } from './server-admin.js';
import type { ApplyReport, LbOutcome, Plan, PlannedCommand } from './types.js';

export interface ApplyDeps {
  clients: ReadonlyMap<string, RuntimeApi>;
  audit: AuditLog;
}

/** HAProxy answers a successful `set server` with an empty line; any text is its error message. */
export function replyIsError(command: string, reply: string): boolean {
  if (/^(set|add|del|clear|commit|prepare|enable|disable|shutdown)\b/.test(command)) return reply.trim() !== '';
  return false;
}

export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  const outcomes: LbOutcome[] = [];
  const applied: string[] = [];
  let failed = false;
  for (const [lb, commands] of groupByLb(plan.commands)) {
    if (failed) {
      outcomes.push({ lb, status: 'skipped', detail: 'not attempted: an earlier LB failed' });
      continue;
    }
    const result = await inSession(lb, deps, (d) => sendAll(lb, commands, plan.id, d));
    if (result.error !== null) {
      failed = true;
      outcomes.push({ lb, status: 'failed', replies: result.replies, error: result.error });
      // A failure after some commands on this LB went through leaves it changed: offer it for rollback too.
      if (result.replies.length > 0) applied.push(lb);
      continue;
    }
    applied.push(lb);
    const problem = await inSession(lb, deps, (d) => verify(lb, commands, d));
    outcomes.push(
      problem === null
        ? { lb, status: 'verified', replies: result.replies }
        : { lb, status: 'applied-unverified', replies: result.replies, detail: problem },
    );
  }
  return { plan, outcomes, ok: !failed && outcomes.every((o) => o.status === 'verified'), rollbackOffered: failed ? applied : [] };
}

/** Sends the plan's rollback commands for the LBs the report offered, and verifies them like any plan. */
export function rollbackReport(report: ApplyReport, deps: ApplyDeps): Promise<ApplyReport> {
  const lbs = new Set(report.rollbackOffered);
  const commands = report.plan.rollback.filter((c) => lbs.has(c.lb));
  const plan: Plan = { ...report.plan, id: `${report.plan.id}-rollback`, title: `roll back: ${report.plan.title}`, commands, rollback: [] };
  return applyPlan(plan, deps);
}

/**
 * Runs `work` with the LB's client replaced by a session (one kept connection) when the client offers one, and
 * closes it after. A session lives for one batch only: a connection kept longer stays with the HAProxy process that
 * accepted it, and after a reload would send writes to a process on its way out. Sends and their verification use
 * two sessions, so a reload between them shows as a failed verification instead of passing on the old process.
 */
export async function inSession<T>(lb: string, deps: ApplyDeps, work: (deps: ApplyDeps) => Promise<T>): Promise<T> {
  const session = deps.clients.get(lb)?.session?.();
  if (!session) return work(deps);
  try {
    return await work({ ...deps, clients: new Map([[lb, session]]) });
  } finally {
    session.close();
  }
}

export async function sendAll(lb: string, commands: PlannedCommand[], planId: string, deps: ApplyDeps) {
  const replies: string[] = [];
  const client = deps.clients.get(lb);
  if (!client) return { replies, error: `no connection configured for ${lb}` };
  for (const { command } of commands) {
    deps.audit.append({ lb, command, phase: 'send', plan: planId });
    try {
      const reply = await client.send(command);
      deps.audit.append({ lb, command, reply, phase: 'reply', plan: planId });
      if (replyIsError(command, reply)) return { replies, error: reply.trim() };
      replies.push(reply);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.audit.append({ lb, command, reply: message, phase: 'error', plan: planId });
      return { replies, error: message };
    }
  }
  return { replies, error: null };
}

/** Re-reads `show servers state` of each touched backend and compares with what each command expected. */
export async function verify(lb: string, commands: PlannedCommand[], deps: ApplyDeps): Promise<string | null> {
  const client = deps.clients.get(lb)!;
  const problems: string[] = [];
  const byBackend = new Map<string, ReturnType<typeof parseServersState>>();
  for (const planned of commands) {
    const target = /^set server (\S+?)\/(\S+) (state|weight) /.exec(planned.command);
    if (!target || !planned.expect) continue;
    const backend = target[1]!;
    try {
      let states = byBackend.get(backend);
      if (!states) {
        states = parseServersState(await client.send(buildCommand('show', 'servers', 'state', backend)));
        byBackend.set(backend, states);
      }
      const state = states.get(`${backend}/${target[2]}`) ?? null;
      if (!state) {
        problems.push(`${backend}/${target[2]} not found when verifying`);
        continue;
      }
      const seen = planned.expect.startsWith('weight ') ? `weight ${state.userWeight}` : forcedAdminOf(state, 'ready');
      if (seen !== planned.expect) problems.push(`${backend}/${target[2]}: expected ${planned.expect}, HAProxy says ${seen}`);
    } catch (error) {
      problems.push(`could not verify ${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems.length ? problems.join('; ') : null;
}

export function groupByLb(commands: PlannedCommand[]): Map<string, PlannedCommand[]> {
  const groups = new Map<string, PlannedCommand[]>();
  for (const command of commands) {
    const list = groups.get(command.lb) ?? [];
    list.push(command);
    groups.set(command.lb, list);
  }
  return groups;
}
