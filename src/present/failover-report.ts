// What a failover did: each step with its first line of output, whether the VIP was seen on its new owner and how
// long the move took, and the way back; a BGP change's re-read state and BIRD's reply. Shown by the VIPS/BGP
// result dialog and printed by `lbtop vip move` / `lbtop bgp`.
import type { BgpReport } from '../actions/failover/bgp.js';
import { describeStep } from '../actions/failover/steps.js';
import type { FailoverReport, HostStep } from '../actions/failover/types.js';
import { plain, type Line } from './line.js';
import { commandLine } from './plan-preview.js';

export function failoverReportLines(report: FailoverReport): Line[] {
  const lines: Line[] = report.steps.map((s) => {
    const first = s.output.trim() ? ` — ${s.output.trim().split('\n')[0]}` : '';
    return plain(`  [${s.step.lb}] ${describeStep(s.step)}: ${s.ok ? 'ok' : 'FAILED'}${first}`, s.ok ? undefined : 'report.failed');
  });
  lines.push(plain(`  ${report.verified ? 'verified' : 'NOT verified'}: ${report.detail}`, report.verified ? 'report.verified' : 'report.failed'));
  if (report.moveMs !== null) lines.push(plain(`  VIP move time: ${report.moveMs} ms`));
  if (report.undo.length) lines.push(plain('  The way back: ' + report.undo.map((s) => `[${s.lb}] ${describeStep(s)}`).join('; '), 'text.dim'));
  return lines;
}

/** The undo steps of moves not taken back, for the operator to run by hand. */
export const wayBackByHandLines = (undo: readonly HostStep[]): Line[] => [plain('The way back, by hand:'), ...undo.map((s) => commandLine(s.lb, describeStep(s), s.why))];

export function bgpReportLines(report: BgpReport): Line[] {
  const a = report.after;
  const status = report.ok ? 'done' : report.unknown ? 'UNKNOWN' : 'FAILED';
  return [
    plain(`${status}: ${report.detail}${a ? `; routes imported ${a.imported ?? '?'}, exported ${a.exported ?? '?'}` : ''}`, report.ok ? 'report.verified' : 'report.failed'),
    plain(`BIRD: ${report.reply}`, 'text.dim'),
  ];
}
