// Applies a confirmed plan LB by LB through the write path (write-path.ts), stops at the first failure, verifies
// by re-reading the state, and reports per LB. A command whose reply was lost is UNKNOWN, not FAILED: that LB's
// state is re-read until it answers (within a settle window) and the report says what HAProxy really shows.
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { buildCommand } from '../sources/haproxy/command.js';
import { parseServersState } from '../sources/haproxy/parse-servers-state.js';
import type { AuditLog } from './audit-log.js';
import { forcedAdminOf } from './server-admin.js';
import { verifySessionsGone } from './session-verify.js';
import type { ApplyReport, LbOutcome, Plan, PlannedCommand } from './types.js';
import { refuseIfReadOnly, sendWrite } from './write-path.js';
import { recordPlan } from './audit-plan.js';
import { verifyTableKey } from './tables/verify-key.js';
import { UnreachableRefusedError } from '../model/errors.js';

export { replyIsError } from './write-path.js';

export interface ApplyDeps {
  clients: ReadonlyMap<string, RuntimeApi>;
  audit: AuditLog;
  /** How long an LB whose reply was lost gets to answer a re-read (default 10 s). */
  settleMs?: number;
}

export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  admit(plan, deps);
  recordPlan(deps.audit, plan);
  const outcomes: LbOutcome[] = [];
  const touched: string[] = [];
  let stop = false;
  for (const [lb, commands] of groupByLb(plan.commands)) {
    if (stop) {
      outcomes.push({ lb, status: 'skipped', detail: 'not attempted: an earlier LB failed or is unknown' });
      continue;
    }
    const { outcome, touched: changed } = await applyLb(lb, commands, plan, deps);
    outcomes.push(outcome);
    if (changed) touched.push(lb);
    stop = outcome.status === 'failed' || outcome.status === 'unknown';
  }
  return reportOf(plan, outcomes, touched);
}

/**
 * What every apply checks before anything is audited or sent: a read-only client refuses the whole plan, and a
 * plan with unreachable LBs in its scope goes only when the operator chose to leave them out.
 */
export function admit(plan: Plan, deps: ApplyDeps): void {
  refuseIfReadOnly(plan.title, ...[...new Set(plan.commands.map((c) => c.lb))].map((lb) => deps.clients.get(lb)));
  const unreachable = plan.unreachable ?? [];
  if (unreachable.length > 0 && !plan.skipUnreachable) throw new UnreachableRefusedError(unreachable.map((u) => u.lb));
}

/** The report of a plan's per-LB outcomes: rollback is offered for every LB touched once one failed or is unknown. */
export function reportOf(plan: Plan, outcomes: LbOutcome[], touched: readonly string[]): ApplyReport {
  const troubled = outcomes.some((o) => o.status === 'failed' || o.status === 'unknown');
  return {
    plan,
    outcomes,
    ok: !troubled && outcomes.every((o) => o.status === 'verified'),
    // Ended sessions cannot be restored: nothing to offer (session-kill.ts).
    rollbackOffered: troubled && plan.kind !== 'sessions' ? [...touched] : [],
    leftOut: (plan.unreachable ?? []).map((u) => u.lb),
  };
}

/**
 * One LB's part of a plan: its commands over one kept connection, then the verification over a second one, the
 * outcome recorded in the audit log. `touched` is true when something may have changed there (for rollback).
 */
export async function applyLb(lb: string, commands: PlannedCommand[], plan: Plan, deps: ApplyDeps): Promise<{ outcome: LbOutcome; touched: boolean }> {
  const result = await inSession(lb, deps, (d) => sendAll(lb, commands, plan.id, d));
  let outcome: LbOutcome;
  if (result.unknown !== null) {
    const seen = await settle(lb, commands, deps);
    outcome = seen === null
      ? { lb, status: 'verified', replies: result.replies }
      : { lb, status: 'unknown', replies: result.replies, detail: `${result.unknown}; ${seen}` };
  } else if (result.error !== null) {
    outcome = { lb, status: 'failed', replies: result.replies, error: result.error };
  } else {
    const problem = await inSession(lb, deps, (d) => verify(lb, commands, d));
    outcome = problem === null
      ? { lb, status: 'verified', replies: result.replies }
      : { lb, status: 'applied-unverified', replies: result.replies, detail: problem };
  }
  recordOutcome(deps.audit, plan, outcome, result.unknown !== null && outcome.status === 'verified');
  return { outcome, touched: result.replies.length > 0 || result.unknown !== null || result.error === null };
}

function recordOutcome(audit: AuditLog, plan: Plan, outcome: LbOutcome, late: boolean): void {
  const detail = 'detail' in outcome ? `: ${outcome.detail}` : 'error' in outcome ? `: ${outcome.error}` : late ? ': reply lost, re-read shows it applied' : '';
  audit.append({ lb: outcome.lb, command: plan.title, reply: `${outcome.status.toUpperCase()}${detail}`, phase: 'outcome', plan: plan.id });
}

/** Sends the plan's rollback commands for the LBs the report offered, and verifies them like any plan. */
export function rollbackReport(report: ApplyReport, deps: ApplyDeps): Promise<ApplyReport> {
  return applyPlan(rollbackPlan(report), deps);
}

export function rollbackPlan(report: ApplyReport): Plan {
  const lbs = new Set(report.rollbackOffered);
  const commands = report.plan.rollback.filter((c) => lbs.has(c.lb));
  return { ...report.plan, id: `${report.plan.id}-rollback`, title: `roll back: ${report.plan.title}`, commands, rollback: [], unreachable: [] };
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

/** Sends one LB's commands in order; stops at the first that is rejected, not sent, or whose reply was lost. */
export async function sendAll(lb: string, commands: PlannedCommand[], planId: string, deps: ApplyDeps) {
  const replies: string[] = [];
  const client = deps.clients.get(lb);
  if (!client) return { replies, error: `no connection configured for ${lb}`, unknown: null };
  for (const { command } of commands) {
    const sent = await sendWrite(deps.audit, lb, client, command, planId);
    if (sent.kind === 'unknown') return { replies, error: null, unknown: `reply to "${command}" lost (${sent.error})` };
    if (sent.kind === 'rejected') return { replies, error: sent.reply.trim(), unknown: null };
    if (sent.kind === 'not-sent') return { replies, error: sent.error, unknown: null };
    replies.push(sent.reply);
  }
  return { replies, error: null, unknown: null };
}

/**
 * After a lost reply: re-reads the LB's state until it shows every command landed, or the settle window ends.
 * Null when it landed; otherwise what HAProxy shows (or that it did not answer). A state that still looks like
 * before is not "not applied": the command may still be queued on a stalled worker or a slow link.
 */
export async function settle(lb: string, commands: PlannedCommand[], deps: ApplyDeps): Promise<string | null> {
  const until = Date.now() + (deps.settleMs ?? 10_000);
  let last = 'the LB did not answer a re-read';
  for (;;) {
    const left = until - Date.now();
    if (left <= 0) return `${last} (re-read for ${Math.round((deps.settleMs ?? 10_000) / 1000)} s); look at it before going on`;
    const problem = await verify(lb, commands, deps, left);
    if (problem === null) return null;
    last = problem.startsWith('could not verify') ? 'the LB did not answer a re-read' : `HAProxy now says ${problem}`;
    await new Promise((r) => setTimeout(r, Math.min(500, Math.max(0, until - Date.now()))));
  }
}

/** Re-reads `show servers state` of each touched backend (and a cleared stick-table key: tables/verify-key.ts) and compares with what each command expected. */
export async function verify(lb: string, commands: PlannedCommand[], deps: ApplyDeps, timeoutMs?: number): Promise<string | null> {
  const client = deps.clients.get(lb)!;
  // `shutdown session(s)`: the sessions it ended are gone from `show sess` (session-verify.ts).
  const problems: string[] = await verifySessionsGone(client, commands, timeoutMs);
  const byBackend = new Map<string, ReturnType<typeof parseServersState>>();
  for (const planned of commands) {
    if (planned.readBack) {
      problems.push(...(await verifyTableKey(client, planned.readBack, timeoutMs)));
      continue;
    }
    const target = /^set server (\S+?)\/(\S+) (state|weight) /.exec(planned.command);
    if (!target || !planned.expect) continue;
    const backend = target[1]!;
    try {
      let states = byBackend.get(backend);
      if (!states) {
        states = parseServersState(await client.send(buildCommand('show', 'servers', 'state', backend), timeoutMs));
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
