// What happened, LB by LB: verified / applied but not verified / failed (with HAProxy's own message) /
// skipped. When some LBs changed and another failed, R rolls those back (after which a new report shows).
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { ApplyReport, LbOutcome } from '../../actions/types.js';
import type { Keymap } from '../../keymap/resolve.js';
import type { Token } from '../../theme/tokens.js';
import { fit } from '../columns/format.js';
import { useCommands } from '../hooks/useCommands.js';
import { tokenProps, useTheme } from '../theme-context.js';
import { ScrollText, plain, type Line } from './ScrollText.js';
import { resultLine } from '../../actions/user-command.js';

const STATUS: Record<LbOutcome['status'], { label: string; token: Token }> = {
  verified: { label: 'verified', token: 'report.verified' },
  'applied-unverified': { label: 'applied, NOT verified', token: 'report.unverified' },
  failed: { label: 'FAILED', token: 'report.failed' },
  // Not FAILED: the command went out and its reply was lost; the detail says what a re-read showed.
  unknown: { label: 'UNKNOWN', token: 'report.unverified' },
  skipped: { label: 'skipped', token: 'report.skipped' },
};

export function reportLines(report: ApplyReport): Line[] {
  const lines: Line[] = [];
  for (const o of report.outcomes) {
    const s = STATUS[o.status];
    lines.push([{ text: `${fit(o.lb, 12, 'left')} ` }, { text: s.label, token: s.token }]);
    if (o.status === 'failed') lines.push(plain(`    HAProxy: ${o.error}`, 'report.failed'));
    if (o.status === 'applied-unverified' || o.status === 'skipped' || o.status === 'unknown') lines.push(plain(`    ${o.detail}`, 'dialog.warning'));
    if (o.status !== 'skipped') {
      for (const reply of o.replies) if (reply.trim() !== '') lines.push(plain(`    reply: ${reply.trim()}`, 'text.dim'));
    }
  }
  // Node-drain hooks (lbtop.yaml on: node-drain): what each printed first on stderr says why one failed.
  for (const run of report.plan.kind === 'user-command' ? [] : (report.hooks ?? [])) {
    lines.push(plain(`user command ${resultLine(run)}`, run.outcome === 'done' ? 'text.dim' : 'report.failed'));
    const why = run.stderr.trim().split('\n')[0];
    if (run.outcome !== 'done' && why) lines.push(plain(`    ${why}`, 'dialog.warning'));
  }
  if (report.leftOut.length > 0) lines.push(plain(`Left out (unreachable, state unchanged by lbtop): ${report.leftOut.join(', ')}`, 'dialog.warning'));
  if (report.rollbackOffered.length > 0) {
    lines.push([]);
    lines.push(plain(`Changed (or may have) before the failure, can be rolled back: ${report.rollbackOffered.join(', ')}`, 'dialog.warning'));
    for (const c of report.plan.rollback.filter((r) => report.rollbackOffered.includes(r.lb))) {
      lines.push([{ text: `  ${fit(c.lb, 12, 'left')} ` }, { text: c.command, token: 'dialog.command' }]);
    }
  }
  return lines;
}

export interface ReportDialogProps {
  report: ApplyReport;
  rollingBack: boolean;
  height: number;
  keymap: Keymap;
  onRollback(): void;
  onClose(): void;
  onMessage(text: string, level: 'info' | 'error'): void;
}

export function ReportDialog(p: ReportDialogProps) {
  const theme = useTheme();
  const [top, setTop] = useState(0);
  const lines = reportLines(p.report);
  const inner = Math.max(1, p.height - 4);
  const scroll = (by: number) => setTop((t) => Math.max(0, Math.min(Math.max(0, lines.length - inner), t + by)));
  const offered = p.report.rollbackOffered.length > 0;
  useCommands(
    p.keymap,
    'report',
    {
      'nav.down': () => scroll(1),
      'nav.up': () => scroll(-1),
      'nav.pageDown': () => scroll(inner - 1),
      'nav.pageUp': () => scroll(1 - inner),
      'report.close': p.onClose,
      'report.rollback': { run: p.onRollback, disabled: () => (offered ? null : 'nothing to roll back: no LB was left half-changed') },
    },
    { isActive: !p.rollingBack, onMessage: p.onMessage },
  );
  const title = `${p.report.ok ? 'DONE' : 'PROBLEM'}: ${p.report.plan.title}`;
  const prompt = p.rollingBack
    ? 'rolling back…'
    : offered && !p.keymap.readOnly
      ? `R roll back ${p.report.rollbackOffered.join(', ')}   Esc/Enter close`
      : 'Esc/Enter close';
  return (
    <Box flexDirection="column" borderStyle="round" height={p.height} {...{ borderColor: tokenProps(theme, 'dialog.border').color }}>
      <Text wrap="truncate" {...tokenProps(theme, p.report.ok ? 'report.verified' : 'report.failed')}>
        {title}
      </Text>
      <ScrollText lines={lines} height={inner} top={top} />
      <Text wrap="truncate" {...tokenProps(theme, 'prompt')}>
        {prompt}
      </Text>
    </Box>
  );
}
