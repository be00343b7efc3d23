// The BGP view's reason prompt, owning the keyboard while shown: BIRD shows the reason and the peer logs it.
// Enter plans the change, whose preview (nothing happens until the protocol's name is typed) is the one write
// dialog's.
import { Box, Text } from 'ink';
import type { Keymap } from '../../keymap/resolve.js';
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
  const d = api.ui.dialog!;
  const cancel = () => {
    api.openDialog(null);
    onMessage('cancelled: nothing was changed', 'info');
  };
  const type = (key: Parameters<typeof editText>[1]) => api.set((s) => (s.dialog ? { ...s, dialog: { ...s.dialog, text: editText(s.dialog.text, key) } } : s));
  useCommands(keymap, 'prompt', {
    'prompt.accept': () => (d.text.trim() ? api.planBgp(d.lb, d.protocol, d.action, d.text.trim()) : onMessage('a reason is required', 'error')),
    'prompt.cancel': cancel,
  }, { isActive: true, onMessage, onText: type });
  return (
    <Box flexDirection="column" borderStyle="round" height={height} {...{ borderColor: tokenProps(theme, 'dialog.border').color }}>
      <Text wrap="truncate" {...tokenProps(theme, 'dialog.danger')}>{`${d.action} ${d.protocol} on ${d.lb}`}</Text>
      <Box flexGrow={1} />
      <Text wrap="truncate" {...tokenProps(theme, 'prompt')}>{`reason (BIRD shows it, the peer logs it): ${d.text}▏  Enter plans, Esc cancels`}</Text>
    </Box>
  );
}
