// The preview of a write: per LB, the change with the sessions it touches, the exact runtime commands in the
// order they will be sent, and the warnings. Nothing is sent until `y` (or the confirmation word + Enter);
// while this dialog is open it owns the keyboard.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Plan } from '../../actions/types.js';
import type { Keymap } from '../../keymap/resolve.js';
import type { KeyPress } from '../../keymap/parse-key.js';
import { fit } from '../columns/format.js';
import { useCommands } from '../hooks/useCommands.js';
import { tokenProps, useTheme } from '../theme-context.js';
import { ScrollText, plain, type Line } from './ScrollText.js';

/** Ending sessions: who is cut, per LB (client, age, bytes as `show sess` listed them; session-kill.ts). */
function sessionsCut(plan: Plan): Line[] {
  const lines: Line[] = [[], plain('Sessions that will be cut', 'dialog.title')];
  for (const c of plan.commands) {
    const cut = (c.before ?? '').split('; ').filter(Boolean);
    for (const who of cut.slice(0, 10)) lines.push(plain(`  ${fit(c.lb, 12, 'left')} ${who}`));
    if (cut.length > 10) lines.push(plain(`  ${fit(c.lb, 12, 'left')} … and ${cut.length - 10} more`, 'text.dim'));
  }
  return lines;
}

export function previewLines(plan: Plan): Line[] {
  const lines: Line[] = [];
  lines.push(plain('Changes', 'dialog.title'));
  lines.push(plain(`  ${fit('LB', 12, 'left')} ${fit('SERVER', 32, 'left')} ${fit('FROM', 12, 'left')} ${fit('TO', 12, 'left')} SESSIONS`, 'table.header'));
  for (const c of plan.changes) {
    const sessions = c.sessions === null ? '?' : String(c.sessions);
    lines.push([
      { text: `  ${fit(c.lb, 12, 'left')} ${fit(`${c.backend}/${c.server}`, 32, 'left')} ${fit(c.from, 12, 'left')} ` },
      { text: fit(c.to, 12, 'left'), token: 'dialog.title' },
      { text: ` ${sessions}`, token: c.sessions ? 'dialog.warning' : undefined },
      // A node action: how the server was found (its address, or the BGP prefix that puts it on the node).
      ...(c.matched ? [{ text: `  ${c.matched}`, token: 'text.dim' as const }] : []),
    ]);
  }
  if (plan.changes.length === 0) lines.push(plain('  (none)', 'text.dim'));
  for (const n of plan.notes ?? []) lines.push(plain(`  ${n}`, 'text.dim'));
  lines.push([]);
  lines.push(plain('Commands, in the order they will be sent', 'dialog.title'));
  for (const c of plan.commands) lines.push([{ text: `  ${fit(c.lb, 12, 'left')} ` }, { text: c.command, token: 'dialog.command' }]);
  if (plan.commands.length === 0) lines.push(plain('  nothing to send', 'dialog.warning'));
  if (plan.kind === 'sessions') lines.push(...sessionsCut(plan));
  if (plan.warnings.length > 0) {
    lines.push([]);
    lines.push(plain('Warnings', 'dialog.warning'));
    for (const w of plan.warnings) lines.push(plain(`  ! ${w}`, 'dialog.warning'));
  }
  const unreachable = plan.unreachable ?? [];
  if (unreachable.length > 0) {
    lines.push([]);
    lines.push(plain(plan.skipUnreachable ? 'Left out (unreachable): lbtop will not change them' : 'REFUSED: unreachable LBs may carry the target', 'dialog.danger'));
    for (const u of unreachable) lines.push(plain(`  ${fit(u.lb, 12, 'left')} ${u.error}`, 'dialog.warning'));
  }
  return lines;
}

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
  const lines = previewLines(p.plan);
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
