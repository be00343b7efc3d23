// What the TUI draws with, worked out once: the theme (NO_COLOR, ASCII terminals) and the keymap with lbtop.yaml's
// `commands:` beside the built-ins, so help, footer and --read-only treat them alike. Pure of Ink: the first
// frame (src/ui/first-frame/) uses it before Ink loads, runTui after.
import { COMMANDS } from '../keymap/bindings.js';
import { buildKeymap, findDuplicateKeys, type Keymap } from '../keymap/resolve.js';
import { userCommandDefs } from '../keymap/user-keys.js';
import type { UserCommand } from '../model/user-command.js';
import { utf8Terminal } from '../theme/glyphs.js';
import { loadTheme } from '../theme/load.js';
import type { Theme } from '../theme/tokens.js';

export interface UiSetup {
  theme: Theme;
  keymap: Keymap;
  /** Theme errors and duplicate keys, for the flash line at start. */
  problems: string[];
}

export function uiSetup(options: { theme: string; readOnly: boolean; commands: readonly UserCommand[]; env: Readonly<Record<string, string | undefined>> }): UiSetup {
  const loaded = loadTheme(options.theme, { env: options.env });
  const theme = { ...loaded.theme, ascii: !utf8Terminal(options.env) };
  const defs = [...COMMANDS, ...userCommandDefs(options.commands)];
  const keymap = buildKeymap({ readOnly: options.readOnly }, defs);
  const problems = [...loaded.errors.map((e) => `theme ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`), ...findDuplicateKeys(defs)];
  return { theme, keymap, problems };
}
