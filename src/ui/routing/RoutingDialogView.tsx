// The routing views' dialogs, which own the keyboard while shown: a one-line prompt (add, change, trace), the
// preview of a map/ACL plan or of a haproxy.cfg edit (y sends, Esc/n cancels; nothing is sent before), a busy
// line while lbtop reads or applies, and the result per LB.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { rollbackCandidates } from '../../actions/pattern-rollback.js';
import type { Keymap } from '../../keymap/resolve.js';
import { configEditPlanLines, patternPlanLines } from '../../present/pattern-preview.js';
import { ScrollText, plain, type Line } from '../components/ScrollText.js';
import { useCommands } from '../hooks/useCommands.js';
import { editText } from '../state/edit-text.js';
import { tokenProps, useTheme } from '../theme-context.js';
import type { RoutingApi } from './useRouting.js';

export interface RoutingDialogProps {
  api: RoutingApi;
  height: number;
  keymap: Keymap;
  onMessage(text: string, level: 'info' | 'error'): void;
}

export function submitInput(api: RoutingApi, purpose: 'add' | 'change' | 'trace', text: string, kind: 'map' | 'acl', selectedKey: string | undefined): string | null {
  const value = text.trim();
  if (value === '') return 'type something, or Esc to cancel';
  if (purpose === 'trace') {
    api.closeDialog();
    api.trace(value.replace(/^trace\s+/, ''));
    return null;
  }
  if (purpose === 'change') {
    api.planEdit({ op: 'set', key: selectedKey!, value });
    return null;
  }
  if (kind === 'acl') api.planEdit({ op: 'add', key: value });
  else {
    const [key, ...rest] = value.split(/\s+/);
    if (rest.length === 0) return 'a map entry is KEY VALUE';
    api.planEdit({ op: 'add', key: key!, value: rest.join(' ') });
  }
  return null;
}

export function RoutingDialogView(p: RoutingDialogProps) {
  const theme = useTheme();
  const [top, setTop] = useState(0);
  const d = p.api.state.dialog!;
  const s = p.api.state;
  const preview = d.kind === 'pattern-preview' || d.kind === 'config-preview';
  const lines: Line[] = d.kind === 'pattern-preview' ? [plain(`Plan: ${d.plan.title}`), ...patternPlanLines(d.plan)]
    : d.kind === 'config-preview' ? [plain(`Plan: write ${d.plan.path} on ${d.plan.lb}`), ...configEditPlanLines(d.plan)]
    : d.kind === 'result' ? [plain(`Result: ${d.title}`), ...d.lines]
    : d.kind === 'busy' ? [plain(d.title)] : [];
  const inner = Math.max(1, p.height - 3);
  const scroll = (by: number) => setTop((t) => Math.max(0, Math.min(Math.max(0, lines.length - inner), t + by)));
  const nav = { 'nav.down': () => scroll(1), 'nav.up': () => scroll(-1), 'nav.pageDown': () => scroll(inner - 1), 'nav.pageUp': () => scroll(1 - inner) };
  useCommands(p.keymap, 'preview', { ...nav, 'dialog.confirm': p.api.confirm, 'dialog.cancel': () => { p.api.closeDialog(); p.onMessage('cancelled: nothing was sent or written', 'info'); } }, { isActive: preview, onMessage: p.onMessage });
  useCommands(p.keymap, 'report', { ...nav, 'report.close': p.api.closeDialog, 'report.rollback': { run: p.api.rollback, disabled: () => (d.kind === 'result' && d.report && rollbackCandidates(d.report).length > 0 ? null : 'nothing to roll back: no LB changed, or all went through') } }, { isActive: d.kind === 'result', onMessage: p.onMessage });
  useCommands(p.keymap, 'prompt', {
    'prompt.accept': () => {
      if (d.kind !== 'input') return;
      const why = submitInput(p.api, d.purpose, d.text, s.kind, d.key);
      if (why) p.onMessage(why, 'error');
    },
    'prompt.cancel': p.api.closeDialog,
  }, {
    isActive: d.kind === 'input',
    onMessage: p.onMessage,
    onText: (key) => p.api.set((x) => (x.dialog?.kind === 'input' ? { ...x, dialog: { ...x.dialog, text: editText(x.dialog.text, key) } } : x)),
  });
  if (d.kind === 'input') {
    return (
      <Box flexDirection="column" height={p.height}>
        <Text {...tokenProps(theme, 'prompt')}>{`${d.label}: ${d.text}█`}</Text>
        <Text {...tokenProps(theme, 'text.dim')}>Enter: preview (nothing is sent yet) · Esc: cancel</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={p.height} borderStyle="round" overflow="hidden">
      <ScrollText lines={lines} height={inner} top={top} />
      <Text {...tokenProps(theme, 'dialog.title')}>
        {preview ? 'y: apply (runtime and disk, LB by LB) · Esc/n: cancel, nothing is sent' : d.kind === 'result' ? `Enter/Esc: close${d.report && rollbackCandidates(d.report).length ? ` · R: roll back ${rollbackCandidates(d.report).join(', ')}` : ''}` : 'working…'}
      </Text>
    </Box>
  );
}
