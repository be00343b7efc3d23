// What happened to a runtime-API plan, LB by LB: verified / applied but not verified / failed (with HAProxy's own
// message) / unknown / skipped, the node-drain hooks, the LBs left out, and what a rollback would send. The TUI's
// report dialog and the CLI's result print are these lines.
import type { ApplyReport, LbOutcome } from '../actions/types.js';
import { resultLine } from '../actions/user-command.js';
import type { Token } from '../theme/tokens.js';
import { fit } from './format.js';
import { plain, type Line } from './line.js';
import { commandLine } from './plan-preview.js';

const STATUS: Record<LbOutcome['status'], { label: string; token: Token }> = {
  verified: { label: 'verified', token: 'report.verified' },
  'applied-unverified': { label: 'applied, NOT verified', token: 'report.unverified' },
  failed: { label: 'FAILED', token: 'report.failed' },
  // Not FAILED: the command went out and its reply was lost; the detail says what a re-read showed.
  unknown: { label: 'UNKNOWN', token: 'report.unverified' },
  skipped: { label: 'skipped', token: 'report.skipped' },
};

function outcomeLines(o: LbOutcome): Line[] {
  const s = STATUS[o.status];
  const lines: Line[] = [[{ text: `${fit(o.lb, 12, 'left')} ` }, { text: s.label, token: s.token }]];
  if (o.status === 'failed') lines.push(plain(`    HAProxy: ${o.error}`, 'report.failed'));
  if (o.status === 'applied-unverified' || o.status === 'skipped' || o.status === 'unknown') lines.push(plain(`    ${o.detail}`, 'dialog.warning'));
  if (o.status !== 'skipped') {
    for (const reply of o.replies) if (reply.trim() !== '') lines.push(plain(`    reply: ${reply.trim()}`, 'text.dim'));
  }
  return lines;
}

export function applyReportLines(report: ApplyReport): Line[] {
  const lines = report.outcomes.flatMap(outcomeLines);
  // Node-drain hooks (lbtop.yaml on: node-drain): what each printed first on stderr says why one failed. A user
  // command's own run is reported by the OUTPUT panel (TUI) and by `lbtop run` (CLI), not here.
  for (const run of report.plan.kind === 'user-command' ? [] : (report.hooks ?? [])) {
    lines.push(plain(`user command ${resultLine(run)}`, run.outcome === 'done' ? 'text.dim' : 'report.failed'));
    const why = run.stderr.trim().split('\n')[0];
    if (run.outcome !== 'done' && why) lines.push(plain(`    ${why}`, 'dialog.warning'));
  }
  if (report.leftOut.length > 0) lines.push(plain(`Left out (unreachable; lbtop did not change them): ${report.leftOut.join(', ')}`, 'dialog.warning'));
  if (report.rollbackOffered.length > 0) {
    lines.push([], plain(`Changed (or may have) before the failure, can be rolled back: ${report.rollbackOffered.join(', ')}`, 'dialog.warning'));
    for (const c of report.plan.rollback.filter((r) => report.rollbackOffered.includes(r.lb))) lines.push(commandLine(c.lb, c.command));
  }
  return lines;
}
