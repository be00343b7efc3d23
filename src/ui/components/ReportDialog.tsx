// What happened, LB by LB: verified / applied but not verified / failed (with HAProxy's own message) /
// skipped. When some LBs changed and another failed, R rolls those back (after which a new report shows).
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { ApplyReport } from '../../actions/types.js';
import type { Keymap } from '../../keymap/resolve.js';
import { useCommands } from '../hooks/useCommands.js';
import { tokenProps, useTheme } from '../theme-context.js';
import { applyReportLines } from '../../present/apply-report.js';
import { ScrollText } from './ScrollText.js';

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
  const lines = applyReportLines(p.report);
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
