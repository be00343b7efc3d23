// Text fields (prompts, the CLI line, the typed confirmation): Ctrl-U clears a field prefilled with the old value,
// Ctrl-W erases a word, and both reach the field as text keys, not as commands.
import { describe, expect, it } from 'vitest';
import { decodeKey } from '../../src/keymap/parse-key.js';
import { buildKeymap, resolveKey } from '../../src/keymap/resolve.js';
import { editText } from '../../src/ui/state/edit-text.js';

describe('editText', () => {
  it('types, erases a character, clears with Ctrl-U and erases the last word with Ctrl-W', () => {
    expect(editText('https_k8s02_dev_backend', decodeKey('\x15'))).toBe('');
    expect(editText('set map hosts.map ', decodeKey('\x17'))).toBe('set map ');
    expect(editText('set map hosts.map', decodeKey('\x17'))).toBe('set map ');
    expect(editText('ab', decodeKey('\x7f'))).toBe('a');
    expect(editText('a', decodeKey('b'))).toBe('ab');
  });

  it('reaches a prompt as text, while the CLI keeps its own Ctrl-U binding', () => {
    const keymap = buildKeymap({ readOnly: false });
    expect(resolveKey(keymap, 'prompt', decodeKey('\x15'))).toEqual({ kind: 'text' });
    expect(resolveKey(keymap, 'prompt', decodeKey('\x17'))).toEqual({ kind: 'text' });
    expect(resolveKey(keymap, 'cli', decodeKey('\x15'))).toMatchObject({ kind: 'command' });
  });
});
