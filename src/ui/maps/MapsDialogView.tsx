// The map editor's views' own dialogs, which own the keyboard while shown: a one-line prompt (add, change, trace) and
// a busy line while lbtop reads a file for $EDITOR. An edit's preview and result are the one write dialog's.
import { Box, Text } from 'ink';
import type { Keymap } from '../../keymap/resolve.js';
import { useCommands } from '../hooks/useCommands.js';
import { editText } from '../state/edit-text.js';
import { tokenProps, useTheme } from '../theme-context.js';
import type { MapsApi } from './useMaps.js';

export interface MapsDialogProps {
  api: MapsApi;
  height: number;
  keymap: Keymap;
  onMessage(text: string, level: 'info' | 'error'): void;
}

export function submitInput(api: MapsApi, purpose: 'add' | 'change' | 'trace', text: string, kind: 'map' | 'acl', selectedKey: string | undefined): string | null {
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

export function MapsDialogView(p: MapsDialogProps) {
  const theme = useTheme();
  const d = p.api.state.dialog!;
  const s = p.api.state;
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
      <Text {...tokenProps(theme, 'dialog.title')}>{d.title}</Text>
      <Text {...tokenProps(theme, 'dialog.title')}>working…</Text>
    </Box>
  );
}
