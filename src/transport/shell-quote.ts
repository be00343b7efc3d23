// Not SSH-only: user commands show the line they run quoted the same way (src/actions/user-command.ts).
// SSH exec sends one string that the remote login shell parses, so argv must be quoted for a POSIX shell.
// Quoting every word that is not plainly safe keeps a server name like `web;reboot` one argument.
import { UnsafeArgumentError } from '../model/errors.js';

const SAFE_WORD = /^[A-Za-z0-9_/.:=@%+,-]+$/;

export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new UnsafeArgumentError('a command argument cannot contain NUL');
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
