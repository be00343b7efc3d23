// The socat fallback's argv, and the sudoers rule that lets exactly that argv run as root.
//
// socat reads its address argument with a grammar of its own (socat 1.7.4, man socat "ADDRESS
// SPECIFICATIONS"): `:` separates parameters, `,` starts an address option, `!!` joins two addresses, `( { [ '`
// open nested groups and `\` or `"` escape. A socket path is pasted into `UNIX-CONNECT:<path>`, so
// `/run/x.sock,bind=/etc/passwd` would make socat bind its end to /etc/passwd and unlink it on close (as root
// on the sudo route). Escaping differs between socat versions (1.7.3 on old hosts, 1.8's rewritten parser),
// and the same path also goes into a sudoers rule, which has its own escapes and treats `* ? [ ]` as globs and
// a leading `^` as a regex. So instead of escaping, the fallback takes only paths made of characters that are
// plain text for socat, sudoers and a POSIX shell alike; any other path is refused before anything runs (the
// stream-local route, which parses nothing, still takes any path).
import { UnsafeArgumentError } from '../../model/errors.js';

/** Characters socat 1.7.4's address parser, sudoers' argument matcher and sh all read as themselves. */
const PLAIN = /^[A-Za-z0-9._/@+=-]+$/;

export function checkSocatSocketPath(socketPath: string, where = socketPath): void {
  if (PLAIN.test(socketPath) && !socketPath.startsWith('-')) return;
  const bad = [...new Set(socketPath.replace(/[A-Za-z0-9._/@+=-]/g, ''))].map((c) => JSON.stringify(c)).join(' ');
  throw new UnsafeArgumentError(
    `${where}: refusing to hand this socket path to socat${bad ? ` (it contains ${bad})` : ''}: socat would read part of it as address options`,
    'allow stream-local forwarding for the login user (sshd AllowStreamLocalForwarding), or give the socket a path made of A-Z a-z 0-9 . _ / @ + = -',
  );
}

/**
 * What lbtop runs on the host for the socat route, prefixed with `sudo -n` on the sudo route. -t 0: once HAProxy
 * closes (one-shot mode), everything it sent has already been copied to stdout, so socat may exit at once
 * instead of lingering its default 0.5 s on every command.
 */
export function socatArgv(socat: string, socketPath: string): string[] {
  checkSocatSocketPath(socketPath);
  return [socat, '-t', '0', '-', `UNIX-CONNECT:${socketPath}`];
}

/** sudoers(5): in command arguments `, : = \` must be escaped with a backslash; in a user name also `! ( )`. */
const sudoersWord = (word: string, special: RegExp) => word.replace(special, (c) => `\\${c}`);

/**
 * The sudoers line that lets `user` run lbtop's exact socat argv as root and nothing else: sudo matches a
 * command with arguments only when every argument is the same, so `socat - EXEC:/bin/sh` or another socket or
 * option is refused. `socat` must be the absolute path on the host (`command -v socat`), which is also what
 * lbtop runs. Null when that path is not absolute or not plain text (no exact rule can be written then).
 */
export function sudoersRule(user: string, socat: string, socketPath: string): string | null {
  if (!socat.startsWith('/') || !PLAIN.test(socat)) return null;
  const argv = socatArgv(socat, socketPath).map((a) => sudoersWord(a, /[,:=\\]/g));
  return `${sudoersWord(user, /[!=:,()\\\s]/g)} ALL=(root) NOPASSWD: ${argv.join(' ')}`;
}
