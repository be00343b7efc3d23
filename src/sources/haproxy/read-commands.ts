// Which runtime-API lines only read. The one classification behind read-only mode (the gate on every client),
// the raw CLI (`lbtop cli`, the CLI view) and the audit log's summaries. An allowlist on purpose: a command
// HAProxy adds in a later version is a write until it is known to read.
//
// Read, in HAProxy 2.6 to 3.x (doc/management.txt): `show …`, `get map|acl|weight|var …`, `help`, `dump …`
// (3.x: `dump ssl cert`, `dump stats-file` print, they change nothing), `echo`, `acme status` (3.2), and the
// session words `prompt` and `quit`. Not read: `set timeout cli`, `expert-mode`, `experimental-mode`, `user`,
// `operator` (they change what the session may do next), and everything else. The master CLI's `@N` / `@!PID`
// prefix routes a line to a worker; the line after it is classified the same way.

const READ_FIRST_WORDS = new Set(['show', 'help', 'dump', 'echo', 'prompt', 'quit']);
const READ_GET_OBJECTS = new Set(['map', 'acl', 'weight', 'var']);

/** True only for a single command line that cannot change HAProxy's state. */
export function isReadCommand(line: string): boolean {
  let words = line.trim().split(/[ \t]+/);
  // Master CLI routing prefix: "@1 show info", "@!1234 show stat".
  if (words[0] !== undefined && /^@!?\d*$/.test(words[0])) words = words.slice(1);
  const first = (words[0] ?? '').toLowerCase();
  if (READ_FIRST_WORDS.has(first)) return !chains(line);
  if (first === 'get') return READ_GET_OBJECTS.has((words[1] ?? '').toLowerCase()) && !chains(line);
  if (first === 'acme') return (words[1] ?? '').toLowerCase() === 'status' && words.length === 2 && !chains(line);
  return false;
}

/**
 * A `;` HAProxy would split on (unescaped) chains a second command, and a line ending in `<<` opens a payload:
 * either way the line is more than the one read its first word says.
 */
function chains(line: string): boolean {
  return /(^|[^\\])(\\\\)*;/.test(line) || /<<\S*\s*$/.test(line);
}
