// Plain-text preview of a map/ACL plan (for --dry-run, the terminal prompt and the TUI preview) and of its
// report. Per LB: the entry diff, the exact runtime commands, the file diff on disk, and what happens after.
import type { PatternPlan, PatternReport } from './pattern-types.js';

function indent(text: string, by = '    '): string[] {
  return text.replace(/\n$/, '').split('\n').map((l) => `${by}${l}`);
}

export function formatPatternPlan(plan: PatternPlan): string {
  const lines = [`Plan: ${plan.title}`];
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
  return lines.join('\n');
}

export function formatPatternReport(report: PatternReport): string {
  const lines = [`Result: ${report.plan.title}`];
  for (const o of report.outcomes) {
    const head = o.status === 'applied' ? 'applied' : o.status.toUpperCase();
    lines.push(`  ${o.lb}: ${head}${o.error ? `: ${o.error}` : ''}`);
    for (const s of o.steps) lines.push(`    - ${s}`);
    if (o.threeWay) lines.push('    Three-way difference:', ...indent(o.threeWay.diff, '      '));
  }
  if (!report.ok && report.outcomes.every((o) => o.status === 'conflict' || o.status === 'skipped' || (o.status === 'failed' && o.steps.length === 0))) {
    lines.push('  Nothing was written on any LB. Re-read and edit again.');
  }
  return lines.join('\n');
}
