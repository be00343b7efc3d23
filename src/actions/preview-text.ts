// Plain-text renderings of a plan and of a report, for `--dry-run`, the terminal prompt and the snapshot.
import type { ApplyReport, Plan } from './types.js';

export function formatPlan(plan: Plan): string {
  const lines = [`Plan: ${plan.title}`];
  if (plan.changes.length > 0) {
    lines.push('', 'Changes:');
    const width = Math.max(...plan.changes.map((c) => `${c.lb}  ${c.backend}/${c.server}`.length));
    for (const change of plan.changes) {
      const where = `${change.lb}  ${change.backend}/${change.server}`.padEnd(width);
      const sessions = change.sessions === null ? '' : `  (${change.sessions} current sessions)`;
      lines.push(`  ${where}  ${change.from} → ${change.to}${sessions}${change.matched ? `  [${change.matched}]` : ''}`);
    }
  }
  if (plan.notes?.length) lines.push('', ...plan.notes.map((n) => `  ${n}`));
  lines.push('', 'Runtime API commands:');
  if (plan.commands.length === 0) lines.push('  (none: nothing to send)');
  for (const command of plan.commands) lines.push(`  [${command.lb}] ${command.command}`);
  for (const warning of plan.warnings) lines.push(`  ! ${warning}`);
  for (const u of plan.unreachable ?? []) lines.push(`  ! ${u.lb}: UNREACHABLE (${u.error}); it may carry the target and is not in this plan`);
  return lines.join('\n');
}

export function formatReport(report: ApplyReport): string {
  const lines = [`Result: ${report.plan.title}`];
  for (const outcome of report.outcomes) {
    switch (outcome.status) {
      case 'verified':
        lines.push(`  ${outcome.lb}: applied, verified`);
        break;
      case 'applied-unverified':
        lines.push(`  ${outcome.lb}: applied, NOT verified: ${outcome.detail}`);
        break;
      case 'failed':
        lines.push(`  ${outcome.lb}: FAILED: ${outcome.error}`);
        break;
      case 'unknown':
        lines.push(`  ${outcome.lb}: UNKNOWN: ${outcome.detail}`);
        break;
      case 'skipped':
        lines.push(`  ${outcome.lb}: skipped (${outcome.detail})`);
        break;
    }
  }
  if (report.leftOut.length > 0) lines.push(`  Left out (unreachable; lbtop did not change them): ${report.leftOut.join(', ')}`);
  if (report.rollbackOffered.length > 0) lines.push(`  Rollback available for: ${report.rollbackOffered.join(', ')}`);
  return lines.join('\n');
}
