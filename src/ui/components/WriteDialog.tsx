// The one write dialog: the preview of any write (nothing is sent until y, or the confirmation word + Enter),
// "sending" with the preview still on screen, then the outcome with the rollback or the way back it offers.
// While it is open it owns the keyboard. Lines come from src/present/confirmation.ts, the same the CLI prints.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { confirmOf, outcomeOk } from '../../actions/confirmation.js';
import type { Keymap } from '../../keymap/resolve.js';
import { outcomeHeading, outcomeLines, previewHeading, previewLines } from '../../present/confirmation.js';
import { plain, type Line } from '../../present/line.js';
import { useCommands } from '../hooks/useCommands.js';
import type { WriteFlow } from '../hooks/useWriteFlow.js';
import { writePrompt } from '../state/write-prompt.js';
import { tokenProps, useTheme } from '../theme-context.js';
import { ScrollText } from './ScrollText.js';

export interface WriteDialogProps {
  flow: WriteFlow;
  height: number;
  keymap: Keymap;
  onMessage(text: string, level: 'info' | 'error'): void;
  /** LBs whose data on screen is stale: a servers table's FROM column may be out of date there. */
  staleLbs: readonly string[];
}

function bodyOf(p: WriteDialogProps): { heading: string; ok: boolean; lines: Line[] } {
  const d = p.flow.dialog!;
  if (d.kind === 'outcome') return { heading: outcomeHeading(d.outcome), ok: outcomeOk(d.outcome), lines: outcomeLines(d.outcome) };
  const preview = d.kind === 'preview' ? d.write.preview : d.preview;
  if (!preview) return { heading: d.kind === 'busy' ? d.title : '', ok: true, lines: [] };
  const lines = previewLines(preview);
  const stale = preview.preview === 'servers' ? p.staleLbs.filter((lb) => preview.commands.some((c) => c.lb === lb)) : [];
  if (stale.length > 0) lines.push([], plain(`! stale data from ${stale.join(', ')}: FROM and SESSIONS there are the last good values`, 'dialog.warning'));
  return { heading: previewHeading(preview), ok: true, lines };
}

export function WriteDialog(p: WriteDialogProps) {
  const theme = useTheme();
  const [top, setTop] = useState(0);
  const { flow } = p;
  const d = flow.dialog!;
  const { heading, ok, lines } = bodyOf(p);
  const inner = Math.max(1, p.height - 4); // border (2) + heading + prompt
  const scroll = (by: number) => setTop((t) => Math.max(0, Math.min(Math.max(0, lines.length - inner), t + by)));
  const nav = { 'nav.down': () => scroll(1), 'nav.up': () => scroll(-1), 'nav.pageDown': () => scroll(inner - 1), 'nav.pageUp': () => scroll(1 - inner) };
  const cancel = () => flow.close() && p.onMessage('cancelled: nothing was sent', 'info');
  const byWord = d.kind === 'preview' && confirmOf(d.write.preview).by === 'word';
  useCommands(p.keymap, 'preview', { ...nav, 'dialog.confirm': () => flow.confirm({ key: 'y' }), 'dialog.skipUnreachable': flow.skipUnreachable, 'dialog.cancel': cancel }, {
    isActive: d.kind === 'preview' && !byWord,
    onMessage: p.onMessage,
  });
  useCommands(p.keymap, 'confirm', { 'confirm.accept': () => d.kind === 'preview' && flow.confirm({ word: d.typed }), 'confirm.cancel': cancel, 'confirm.target': flow.retarget, 'nav.pageDown': nav['nav.pageDown'], 'nav.pageUp': nav['nav.pageUp'] }, {
    isActive: byWord,
    onMessage: p.onMessage,
    onText: flow.type,
  });
  useCommands(p.keymap, 'report', {
    ...nav,
    'report.close': () => void flow.close(),
    'report.rollback': { run: flow.rollback, disabled: () => (d.kind === 'outcome' && d.rollback ? null : 'nothing to roll back: no LB was left half-changed') },
  }, { isActive: d.kind === 'outcome' && !d.rollingBack, onMessage: p.onMessage });
  return (
    <Box flexDirection="column" borderStyle="round" height={p.height} {...{ borderColor: tokenProps(theme, 'dialog.border').color }}>
      <Text wrap="truncate" {...tokenProps(theme, d.kind === 'outcome' ? (ok ? 'report.verified' : 'report.failed') : 'dialog.danger')}>{heading}</Text>
      <ScrollText lines={lines} height={inner} top={top} />
      <Text wrap="truncate" {...tokenProps(theme, 'prompt')}>{writePrompt(d, p.keymap.readOnly)}</Text>
    </Box>
  );
}
