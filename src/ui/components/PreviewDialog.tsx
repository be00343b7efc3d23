// The preview of a write: per LB, the change with the sessions it touches, the exact runtime commands in the
// order they will be sent, and the warnings. Nothing is sent until `y` (or the confirmation word + Enter);
// while this dialog is open it owns the keyboard.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Plan } from '../../actions/types.js';
import type { Keymap } from '../../keymap/resolve.js';
import type { KeyPress } from '../../keymap/parse-key.js';
import { useCommands } from '../hooks/useCommands.js';
import { tokenProps, useTheme } from '../theme-context.js';
import { planPreviewLines } from '../../present/plan-preview.js';
import { ScrollText, plain } from './ScrollText.js';

export interface PreviewDialogProps {
  plan: Plan;
  typed: string;
  sending: boolean;
  height: number;
  keymap: Keymap;
  onConfirm(how: { key: 'y' } | { word: string }): void;
  onSkipUnreachable(): void;
  onCancel(): void;
  onType(key: KeyPress): void;
  onMessage(text: string, level: 'info' | 'error'): void;
  /** LBs whose data on screen is stale: the FROM column may be out of date there. */
  staleLbs: readonly string[];
}

export function PreviewDialog(p: PreviewDialogProps) {
  const theme = useTheme();
  const [top, setTop] = useState(0);
  const lines = planPreviewLines(p.plan);
  const stale = p.staleLbs.filter((lb) => p.plan.commands.some((c) => c.lb === lb));
  if (stale.length > 0) lines.push([], plain(`! stale data from ${stale.join(', ')}: FROM and SESSIONS there are the last good values`, 'dialog.warning'));
  const inner = Math.max(1, p.height - 4); // border (2) + title + prompt
  const scroll = (by: number) => setTop((t) => Math.max(0, Math.min(Math.max(0, lines.length - inner), t + by)));
  const word = p.plan.confirmWord;
  const nav = { 'nav.down': () => scroll(1), 'nav.up': () => scroll(-1), 'nav.pageDown': () => scroll(inner - 1), 'nav.pageUp': () => scroll(1 - inner) };
  useCommands(p.keymap, 'preview', { ...nav, 'dialog.confirm': () => p.onConfirm({ key: 'y' }), 'dialog.skipUnreachable': p.onSkipUnreachable, 'dialog.cancel': p.onCancel }, {
    isActive: !p.sending && word === undefined,
    onMessage: p.onMessage,
  });
  useCommands(p.keymap, 'confirm', { 'confirm.accept': () => p.onConfirm({ word: p.typed }), 'confirm.cancel': p.onCancel }, {
    isActive: !p.sending && word !== undefined,
    onMessage: p.onMessage,
    onText: p.onType,
  });
  const refused = (p.plan.unreachable ?? []).length > 0 && !p.plan.skipUnreachable;
  const prompt = p.sending
    ? 'sending… (the report follows)'
    : refused
      ? `REFUSED: ${(p.plan.unreachable ?? []).map((u) => u.lb).join(', ')} unreachable — ${p.keymap.readOnly ? '' : 'u apply without them   '}Esc cancels`
    : p.plan.commands.length === 0
      ? 'nothing to send — Esc closes'
      : word !== undefined
        ? `type "${word}" and Enter to send, Esc cancels: ${p.typed}▏`
        : 'y send   Esc/n cancel   ↑↓ PgUp PgDn scroll';
  return (
    <Box flexDirection="column" borderStyle="round" height={p.height} {...{ borderColor: tokenProps(theme, 'dialog.border').color }}>
      <Text wrap="truncate" {...tokenProps(theme, 'dialog.danger')}>
        PREVIEW: {p.plan.title} — nothing has been sent
      </Text>
      <ScrollText lines={lines} height={inner} top={top} />
      <Text wrap="truncate" {...tokenProps(theme, 'prompt')}>
        {prompt}
      </Text>
    </Box>
  );
}
