// One-line text editing shared by the prompts, the CLI line and the confirmation word: type, paste, erase.
import type { KeyPress } from '../../keymap/parse-key.js';

export function editText(text: string, key: KeyPress): string {
  if (key.name === 'backspace' || key.name === 'delete') return [...text].slice(0, -1).join('');
  // As in a shell: Ctrl-U clears the field (a prompt prefilled with the old value), Ctrl-W erases the last word.
  if (key.name === 'C-u') return '';
  if (key.name === 'C-w') return text.replace(/\S*\s*$/u, '');
  return text + key.text;
}
