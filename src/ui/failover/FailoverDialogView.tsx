// The VIPS/BGP dialogs, owning the keyboard while shown: the reason prompt of a BGP change, the preview (nothing
// happens until the confirmation word — the cluster name, or the protocol — is typed and Enter pressed), the
// "applying" line, and the result with the way back (R) after a VIP move.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Keymap } from '../../keymap/resolve.js';
import { batchPlanLines, bgpPlanLines, failoverPlanLines, targetLine } from '../../present/failover-preview.js';
import { ScrollText, type Line } from '../components/ScrollText.js';
import { useCommands } from '../hooks/useCommands.js';
import { editText } from '../state/edit-text.js';
import { tokenProps, useTheme } from '../theme-context.js';
import type { FailoverApi } from './useFailover.js';

export interface FailoverDialogProps {
  api: FailoverApi;
  height: number;
  keymap: Keymap;
  onMessage(text: string, level: 'info' | 'error'): void;
}

export function FailoverDialogView({ api, height, keymap, onMessage }: FailoverDialogProps) {
  const theme = useTheme();
  const [top, setTop] = useState(0);
  const d = api.ui.dialog!;
  const inner = Math.max(1, height - 4);
  const cancel = () => {
    api.openDialog(null);
    onMessage('cancelled: nothing was changed', 'info');
  };
  const preview = d.kind === 'vip-preview' || d.kind === 'bgp-preview' || d.kind === 'lb-preview';
  const undoable = d.kind === 'result' && (d.report?.undo.length || d.batch?.reports.some((r) => r.undo.length));
  const lines: Line[] = d.kind === 'vip-preview' ? [targetLine(d.plan.to, d.retarget?.targets), ...failoverPlanLines(d.plan)] : d.kind === 'lb-preview' ? batchPlanLines(d.batch, d.retarget?.targets) : d.kind === 'bgp-preview' ? bgpPlanLines(d.plan) : d.kind === 'result' ? d.lines : [];
  const scroll = (by: number) => setTop((t) => Math.max(0, Math.min(Math.max(0, lines.length - inner), t + by)));
  const type = (key: Parameters<typeof editText>[1]) =>
    api.set((s) => {
      const x = s.dialog;
      if (x?.kind === 'reason') return { ...s, dialog: { ...x, text: editText(x.text, key) } };
      if (x?.kind === 'vip-preview' || x?.kind === 'bgp-preview' || x?.kind === 'lb-preview') return { ...s, dialog: { ...x, typed: editText(x.typed, key) } };
      return s;
    });
  useCommands(keymap, 'confirm', { 'confirm.accept': api.confirm, 'confirm.cancel': cancel, 'confirm.target': api.cycleTarget, 'nav.pageDown': () => scroll(inner - 1), 'nav.pageUp': () => scroll(1 - inner) }, { isActive: preview, onMessage, onText: type });
  useCommands(keymap, 'prompt', {
    'prompt.accept': () => d.kind === 'reason' && (d.text.trim() ? api.planBgp(d.lb, d.protocol, d.action, d.text.trim()) : onMessage('a reason is required', 'error')),
    'prompt.cancel': cancel,
  }, { isActive: d.kind === 'reason', onMessage, onText: type });
  useCommands(keymap, 'report', {
    'report.close': () => api.openDialog(null),
    'report.rollback': { run: api.wayBack, disabled: () => (undoable ? null : 'nothing to take back here') },
    'nav.down': () => scroll(1),
    'nav.up': () => scroll(-1),
  }, { isActive: d.kind === 'result', onMessage });

  const title =
    d.kind === 'vip-preview' ? `PREVIEW: ${d.plan.title} — nothing has been changed`
    : d.kind === 'lb-preview' ? `PREVIEW: ${d.batch.title} — nothing has been changed`
    : d.kind === 'bgp-preview' ? `PREVIEW: ${d.plan.title} — nothing has been sent`
    : d.kind === 'result' ? `${d.ok ? 'DONE' : 'NOT DONE'}: ${d.title}`
    : d.kind === 'busy' ? d.title
    : `${d.action} ${d.protocol} on ${d.lb}`;
  const word = d.kind === 'vip-preview' || d.kind === 'bgp-preview' ? d.plan.confirmWord : d.kind === 'lb-preview' ? d.batch.confirmWord : '';
  const refused = d.kind === 'lb-preview' ? d.batch.refused !== null : (d.kind === 'vip-preview' || d.kind === 'bgp-preview') && d.plan.refused !== null;
  const prompt =
    d.kind === 'reason' ? `reason (BIRD shows it, the peer logs it): ${d.text}▏  Enter plans, Esc cancels`
    : d.kind === 'busy' ? 'working…'
    : d.kind === 'result' ? `Enter/Esc close${undoable ? '   R the way back (preview first)' : ''}`
    : refused ? `refused — Esc closes${d.kind !== 'bgp-preview' && (d.retarget?.targets.length ?? 0) > 1 ? ', Tab tries the next target' : ''}`
    : `type "${word}" and Enter to apply, Esc cancels: ${d.typed}▏`;
  return (
    <Box flexDirection="column" borderStyle="round" height={height} {...{ borderColor: tokenProps(theme, 'dialog.border').color }}>
      <Text wrap="truncate" {...tokenProps(theme, 'dialog.danger')}>{title}</Text>
      <ScrollText lines={lines} height={inner} top={top} />
      <Text wrap="truncate" {...tokenProps(theme, 'prompt')}>{prompt}</Text>
    </Box>
  );
}
