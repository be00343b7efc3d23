// Plain-text previews and reports of failover plans, for `lbtop vip move`, the TUI dialog and the tests. Every
// file diff here was made from redacted text (no auth_pass).
import { describeStep } from './steps.js';
import type { FailoverPlan, FailoverReport } from './types.js';

export function formatFailoverPlan(plan: FailoverPlan): string {
  const lines = [`Plan: ${plan.title}`];
  // A plan refused before any method was chosen has none to show.
  if (plan.steps.length) lines.push(`Method: ${plan.method}${plan.reason ? ` — ${plan.reason}` : ''}`);
  if (plan.table.length) {
    lines.push('', '  LB            STATE            PRIO NOW  PRIO AFTER  PREDICTED');
    for (const r of plan.table) {
      lines.push(`  ${r.lb.padEnd(13)} ${r.state.padEnd(16)} ${String(r.priorityNow ?? '-').padStart(8)}  ${String(r.priorityAfter ?? '-').padStart(10)}  ${r.predicted}`);
    }
    lines.push(`  predicted owner: ${plan.predictedOwner ?? 'nobody'}`);
  }
  if (plan.steps.length) {
    lines.push('', 'Commands:');
    for (const s of plan.steps) lines.push(`  [${s.lb}] ${describeStep(s)}    # ${s.why}`);
  }
  for (const d of plan.diffs) lines.push('', `File ${d.path} on ${d.lb}:`, ...d.diff.split('\n').map((l) => `  ${l}`));
  if (plan.precheck.lines.length) lines.push('', `Standby check (${plan.precheck.ok ? 'OK' : 'FAILED'}):`, ...plan.precheck.lines.map((l) => `  ${l}`));
  if (plan.peers?.lines.length) lines.push('', `Peers check (${plan.peers.ok ? 'OK' : 'NOT IN SYNC'}):`, ...plan.peers.lines.map((l) => `  ${l}`));
  if (plan.notes.length) lines.push('', 'Methods not used:', ...plan.notes.map((n) => `  - ${n}`));
  for (const w of plan.warnings) lines.push(`  ! ${w}`);
  if (plan.refused) lines.push('', `REFUSED: ${plan.refused}`);
  else lines.push('', `Confirm by typing: ${plan.confirmWord}`);
  return lines.join('\n');
}

export function formatFailoverReport(report: FailoverReport): string {
  const lines = [`Result: ${report.plan.title}`];
  for (const s of report.steps) lines.push(`  [${s.step.lb}] ${describeStep(s.step)}: ${s.ok ? 'ok' : 'FAILED'}${s.output.trim() ? ` — ${s.output.trim().split('\n')[0]}` : ''}`);
  lines.push(`  ${report.verified ? 'verified' : 'NOT verified'}: ${report.detail}`);
  if (report.moveMs !== null) lines.push(`  VIP move time: ${report.moveMs} ms`);
  if (report.undo.length) lines.push('  The way back: ' + report.undo.map((s) => `[${s.lb}] ${describeStep(s)}`).join('; '));
  return lines.join('\n');
}
