// Building runtime-API command lines with the CLI's own escaping rules (HAProxy src/cli.c, cli_parse_request):
// words are split on spaces, `;` separates commands, and a backslash makes the next character literal. So a
// space, `;` or backslash inside an argument is escaped; a newline or NUL ends the line and would smuggle a
// second command, so such an argument is refused before anything is sent.
import { UnsafeArgumentError } from '../../model/errors.js';

export function escapeArgument(word: string): string {
  if (/[\n\r\0]/.test(word)) {
    throw new UnsafeArgumentError(
      `refusing to send an argument containing a newline or NUL: ${JSON.stringify(word)}`,
      'names and values sent to HAProxy must fit on one line',
    );
  }
  return word.replace(/[\\; ]/g, (c) => `\\${c}`);
}

/** One command line from words; each word is escaped, so `words` is exactly what HAProxy will parse. */
export function buildCommand(...words: string[]): string {
  if (words.length === 0) throw new UnsafeArgumentError('empty command');
  for (const word of words) {
    if (word === '') throw new UnsafeArgumentError('empty word in command', 'a name or value is missing');
  }
  return words.map(escapeArgument).join(' ');
}

/**
 * A raw line typed by the operator (CLI view, `lbtop cli`). It is sent as typed, spaces and all, but a
 * newline or NUL is still refused, and an unescaped `;` (which would chain commands) is refused too: the
 * operator sends one command at a time, which is what the audit log records.
 */
export function checkRawCommand(line: string): string {
  const trimmed = line.trim();
  if (trimmed === '') throw new UnsafeArgumentError('empty command');
  if (/[\n\r\0]/.test(trimmed)) throw new UnsafeArgumentError('a command cannot contain a newline or NUL');
  if (/(^|[^\\])(\\\\)*;/.test(trimmed)) {
    throw new UnsafeArgumentError('one command at a time: `;` would chain several', 'escape it as \\; if it is data');
  }
  return trimmed;
}
