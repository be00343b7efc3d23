// One-line text editing shared by the prompts, the CLI line and the confirmation word: type, paste, erase.
import type { KeyPress } from '../../keymap/parse-key.js';

export function editText(text: string, key: KeyPress): string {
  if (key.name === 'backspace' || key.name === 'delete') return [...text].slice(0, -1).join('');
  return text + key.text;
}
