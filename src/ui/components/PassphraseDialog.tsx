// Asks for an SSH key's passphrase while lbtop runs. The typed text lives in a ref, never in React state, the
// flash line or a log; the frame shows one dot per character. Enter hands it to the key loader and forgets it;
// Esc refuses (that key is skipped). Only the hosts waiting for this key wait: the others keep polling.
import { Box, Text } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import type { Keymap } from '../../keymap/resolve.js';
import type { PassphraseRequest } from '../../model/passphrase.js';
import { useScopeCommands } from '../hooks/useCommands.js';
import { editText } from '../state/edit-text.js';
import { tokenProps, useTheme } from '../theme-context.js';

const ATTEMPTS = 3;

export interface PassphraseDialogProps {
  request: PassphraseRequest;
  height: number;
  width: number;
  keymap: Keymap;
  onMessage(text: string, level: 'info' | 'error'): void;
}

export function PassphraseDialog({ request, height, width, keymap, onMessage }: PassphraseDialogProps) {
  const theme = useTheme();
  // A new request (next key, or the same key after a wrong passphrase) starts empty. Checked while rendering,
  // not in an effect: an effect could run after the first typed key and swallow it.
  const secret = useRef({ request, text: '' });
  if (secret.current.request !== request) secret.current = { request, text: '' };
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => () => void (secret.current.text = ''), []); // unmounting forgets
  const answer = (value: string | null) => {
    secret.current.text = '';
    request.answer(value);
  };
  useScopeCommands(
    keymap,
    'passphrase',
    {
      'passphrase.accept': () => answer(secret.current.text),
      'passphrase.cancel': () => {
        answer(null);
        onMessage(`passphrase refused: ${request.keyPath} is skipped for this run`, 'info');
      },
    },
    {
      isActive: true,
      onMessage,
      onText: (key) => {
        secret.current.text = editText(secret.current.text, key);
        redraw();
      },
    },
  );
  const hosts = request.hosts.length > 0 ? `for ${request.hosts.join(', ')}` : '';
  const dots = '•'.repeat(Math.min([...secret.current.text].length, Math.max(0, width - 20)));
  return (
    <Box flexDirection="column" borderStyle="round" height={height} {...{ borderColor: tokenProps(theme, 'dialog.border').color }}>
      <Text wrap="truncate" {...tokenProps(theme, 'dialog.title')}>
        SSH KEY PASSPHRASE {hosts}
      </Text>
      <Text wrap="truncate">key: {request.keyPath}</Text>
      {request.attempt > 1 ? (
        <Text wrap="truncate" {...tokenProps(theme, 'dialog.warning')}>
          wrong passphrase, try again ({request.attempt}/{ATTEMPTS})
        </Text>
      ) : null}
      <Text wrap="truncate" {...tokenProps(theme, 'prompt')}>
        passphrase: {dots}
      </Text>
      <Text wrap="truncate" {...tokenProps(theme, 'text.dim')}>
        Enter unlock · Esc refuse (skips this key) · other LBs keep polling
      </Text>
    </Box>
  );
}
