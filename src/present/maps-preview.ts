// The preview of a map/ACL plan and of a haproxy.cfg edit, and their reports: per LB the entry diff, the exact
// runtime commands, the file diff on disk, and what happens after. The MAPS/DRIFT dialog and `lbtop map|acl`
// show these same lines; added lines are coloured as added, removed as removed, failures as warnings.
import type { ConfigEditPlan } from '../actions/config-edit-apply.js';
import type { MapsLbOutcome, MapsPlan, MapsReport } from '../actions/maps/types.js';
import type { Token } from '../theme/tokens.js';
import type { Line } from './line.js';

function diffToken(line: string): Token | undefined {
  if (line.startsWith('+') && !line.startsWith('+++')) return 'status.up';
  if (line.startsWith('-') && !line.startsWith('---')) return 'status.drain';
  if (/^\s*[✗!]/.test(line) || /FAILED|CONFLICT/.test(line)) return 'dialog.warning';
  return undefined;
}

/** Text lines (diffs keep their own +/- marks) coloured by what each says. */
const toLines = (text: readonly string[]): Line[] => text.map((l) => [{ text: l, token: diffToken(l) }]);

function indent(text: string, by = '    '): string[] {
  return text.replace(/\n$/, '').split('\n').map((l) => `${by}${l}`);
}

export function mapsPlanLines(plan: MapsPlan): Line[] {
  const lines: string[] = [];
  for (const error of plan.errors) lines.push(`  ✗ ${error}`);
  for (const l of plan.lbs) {
    const reloaded = l.afterReload ? ` (${l.afterReload.length} once the reload loads the file)` : '';
    lines.push('', `== ${l.lb} (HAProxy ${l.input.version ?? '?'}): ${l.before.length} → ${l.after.length} entries${reloaded}${l.noop ? ', nothing to change' : ''}`);
    if (l.entryDiff) lines.push('  Entries:', ...indent(l.entryDiff.split('\n').slice(2).join('\n')));
    lines.push('  Runtime API commands:');
    if (l.commands.length === 0) lines.push('    (none)');
    for (const c of l.commands) lines.push(`    ${c}`);
    if (l.atomic) lines.push(`    (@${l.atomic.predicted} is the version prepare is expected to answer; the real one is used)`);
    if (l.file === null) lines.push('  File on disk: NOT persisted (no file access)');
    else if (l.file.diff === '') lines.push(`  File on disk: ${l.file.path} unchanged`);
    else lines.push(`  File on disk: ${l.file.path}`, ...indent(l.file.diff.split('\n').slice(2).join('\n')));
    const after = l.input.after;
    const bin = after.bin ?? 'haproxy';
    if (l.file && l.file.diff !== '') {
      if (after.mode === 'check') lines.push(`  Then: ${bin} -c -f ${after.configPath ?? '?'} (no reload)`);
      if (after.mode === 'reload') lines.push(`  Then: ${bin} -c -f ${after.configPath ?? '?'}, reload via ${after.via === 'master' ? 'the master CLI' : `systemctl reload ${after.service}`}`);
    }
  }
  for (const w of plan.warnings) lines.push(`  ! ${w}`);
  return toLines(lines);
}

const outcomeText = (o: MapsLbOutcome): string[] => [
  `  ${o.lb}: ${o.status === 'applied' ? 'applied' : o.status.toUpperCase()}${o.error ? `: ${o.error}` : ''}`,
  ...o.steps.map((s) => `    - ${s}`),
  ...(o.threeWay ? ['    Three-way difference:', ...indent(o.threeWay.diff, '      ')] : []),
];

export function mapsReportLines(report: MapsReport): Line[] {
  const lines = report.outcomes.flatMap(outcomeText);
  if (!report.ok && report.outcomes.every((o) => o.status === 'conflict' || o.status === 'skipped' || (o.status === 'failed' && o.steps.length === 0))) {
    lines.push('  Nothing was written on any LB. Re-read and edit again.');
  }
  return toLines(lines);
}

export function configEditPlanLines(plan: ConfigEditPlan): Line[] {
  return toLines(['', plan.diff || '(no change)', ...plan.skipped.map((x) => `! ${x}`), '', 'Then: haproxy -c -f (the old file goes back if it fails), and a reload if this LB is configured to']);
}

/** The one LB a haproxy.cfg edit wrote. */
export const configEditReportLines = (o: MapsLbOutcome): Line[] => toLines(outcomeText(o));
