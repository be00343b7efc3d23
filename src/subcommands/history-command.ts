// `lbtop history` and `lbtop undo ID`. History reads the audit log only (no LB is asked). Undo finds the entry,
// polls every LB, re-plans the recorded way back against what they show now (undo-plan.ts), and sends it like any
// plan through the one confirmation (confirm-write.ts), with a rollback offered on a partial failure.
import { rollbackReport, type ApplyDeps } from '../actions/apply.js';
import { rollbackFanout } from '../actions/apply-fanout.js';
import { readAuditLog } from '../actions/audit-read.js';
import { groupHistory } from '../actions/history.js';
import { outcomeText } from '../present/confirmation.js';
import { findEntry, planUndo } from '../actions/undo-plan.js';
import { applyUndo } from '../actions/apply-undo.js';
import type { HistoryInvocation } from '../cli/history-args.js';
import { EXIT, exitCodeOf } from '../cli/exit-codes.js';
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import { buildFleet } from '../store/selectors.js';
import { historyJson, historyText } from './history-text.js';
import { confirmRollback, confirmWrite } from './confirm-write.js';

export interface HistoryIo {
  auditPath: string;
  /** Where node records live (default: under XDG_STATE_HOME). */
  nodeDir?: string;
  out(text: string): void;
  err(text: string): void;
}

export function runHistoryCommand(invocation: Extract<HistoryInvocation, { kind: 'history' }>, io: HistoryIo): number {
  const { records, problems } = readAuditLog(io.auditPath);
  const all = groupHistory(records);
  const entries = invocation.limit === 0 ? all : all.slice(0, invocation.limit);
  io.out(invocation.json ? `${JSON.stringify(historyJson(entries, problems), null, 2)}\n` : historyText(entries, problems));
  return EXIT.OK;
}

export async function runUndoCommand(
  invocation: Extract<HistoryInvocation, { kind: 'undo' }>,
  config: LbtopConfig,
  runtime: FleetRuntime,
  io: HistoryIo & { deps: ApplyDeps; confirm(question: string): Promise<boolean> },
): Promise<number> {
  const { records, problems } = readAuditLog(io.auditPath);
  for (const p of problems) io.err(`! ${p}\n`);
  const entry = findEntry(groupHistory(records), invocation.id);
  if (typeof entry === 'string') {
    io.err(`${entry}\n`);
    return EXIT.REFUSED;
  }
  await runtime.refresh();
  const undo = planUndo(entry, buildFleet(config, runtime.store.getState().lbs));
  if (!undo.offered) {
    io.err(`${entry.id} (${entry.title}): ${undo.reason}\n`);
    if (invocation.json) io.out(`${JSON.stringify({ id: entry.id, undo: { offered: false, reason: undo.reason } })}\n`);
    return EXIT.REFUSED;
  }
  const { plan } = undo;
  const sent = await confirmWrite(plan, invocation, io, {
    send: () => applyUndo(plan, io.deps, io.nodeDir),
    outcome: (report) => ({ kind: 'servers', report }),
  });
  if (!sent.sent) {
    if (invocation.json && (sent.why === 'dry-run' || sent.why === 'nothing')) io.out(`${JSON.stringify({ id: entry.id, plan: { title: plan.title, commands: plan.commands, warnings: plan.warnings } })}\n`);
    return sent.code;
  }
  const report = sent.result;
  let undone = null;
  if (report.rollbackOffered.length > 0 && (await confirmRollback(`roll back ${report.rollbackOffered.join(', ')}`, invocation, io))) {
    undone = plan.fanout ? await rollbackFanout(report, io.deps) : await rollbackReport(report, io.deps);
    io.out(`${outcomeText({ kind: 'servers', report: undone })}\n`);
  }
  if (invocation.json) io.out(`${JSON.stringify({ id: entry.id, undo: plan.id, outcomes: report.outcomes, leftOut: report.leftOut, warnings: plan.warnings, rollback: undone?.outcomes ?? null })}\n`);
  return exitCodeOf(report);
}
