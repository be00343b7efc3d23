// Building runtime-API command lines with the CLI's own rules (HAProxy src/cli.c, read for 2.6, 3.0 and 3.x
// master): a line ends at `\n` or an unescaped `;` (co_getdelim/b_getdelim with `\` as escape), a trailing `\r`
// is dropped, words are split on spaces AND tabs (strspn/strcspn " \t"), and a backslash makes the next
// character literal. A line can also switch the connection into payload mode, where every following line up
// to an empty one (or a custom `<<PATTERN` line) is data for this command, not commands:
//   2.6–2.8: the raw line ends with `<<`;
//   ≥ 2.9:   the last raw word (after the last space or tab, escaped or not) starts with `<<` (then a pattern of
//            up to 7 characters in 3.0, 64 in later versions); the master CLI checks the same on its words.
// So in an argument `\`, `;`, space, tab and `<` are escaped: with every `<` written `\<`, no raw `<<` is left
// anywhere in the line, which none of those rules can read as a payload start, and the word still comes out
// as typed (verified on 2.6.12: test/sources/haproxy/escape-live.test.ts). A newline, CR or NUL cannot be
// escaped (the line ends there, or a CR at the end is dropped), so such an argument is refused before anything
// is sent.
import { UnsafeArgumentError } from '../../model/errors.js';

export function escapeArgument(word: string): string {
  if (/[\n\r\0]/.test(word)) {
    throw new UnsafeArgumentError(
      `refusing to send an argument containing a newline or NUL (or a CR): ${JSON.stringify(word)}`,
      'names and values sent to HAProxy must fit on one line',
    );
  }
  return word.replace(/[\\; \t<]/g, (c) => `\\${c}`);
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
 * newline, CR or NUL is still refused, and an unescaped `;` (which would chain commands) is refused too: the
 * operator sends one command at a time, which is what the audit log records. A line that would start a
 * payload is refused as well: lbtop sends one line, so HAProxy would wait for the payload and, on a kept
 * connection, swallow the next commands (lbtop's own polls) as its data.
 */
export function checkRawCommand(line: string): string {
  const trimmed = line.trim();
  if (trimmed === '') throw new UnsafeArgumentError('empty command');
  if (/[\n\r\0]/.test(trimmed)) throw new UnsafeArgumentError('a command cannot contain a newline or NUL (or a CR)');
  if (/(^|[^\\])(\\\\)*;/.test(trimmed)) {
    throw new UnsafeArgumentError('one command at a time: `;` would chain several', 'escape it as \\; if it is data');
  }
  const lastWord = trimmed.slice(Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t')) + 1);
  if (trimmed.endsWith('<<') || lastWord.startsWith('<<')) {
    throw new UnsafeArgumentError(
      'lbtop cannot send a payload (`<<` at the end of a command starts one)',
      'escape it as \\<\\< if it is data; commands that need a payload (set ssl cert …) need socat or the master CLI',
    );
  }
  return trimmed;
}
