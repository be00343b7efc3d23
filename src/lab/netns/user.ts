// A non-root login user for lab sshd tests, because the socket-permission fallbacks only show with one.
// This changes the machine (a user in /etc/passwd, a sudoers drop-in); both are idempotent and tiny, and CI
// containers are thrown away. The account has no password ('*': not locked, so sshd with UsePAM no accepts keys).
import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { sudoersRule } from '../../transport/ssh/socat.js';
import { sh } from './sh.js';

export const LAB_USER = 'lbtoptest';

export function ensureLoginUser(name = LAB_USER): { uid: number; gid: number } {
  if (sh(['getent', 'passwd', name], { allowFail: true }).code !== 0) {
    // Home "/" so sshd's chdir succeeds and adds no warning to every command's stderr.
    sh(['useradd', '--no-create-home', '--home-dir', '/', '--shell', '/bin/sh', '--password', '*', name]);
  } else if (/^[^:]+:!/.test(sh(['getent', 'shadow', name], { allowFail: true }).stdout)) {
    sh(['usermod', '--password', '*', name]);
  }
  const [, , uid, gid] = sh(['getent', 'passwd', name]).stdout.trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Lets `user` run lbtop's exact `sudo -n socat … UNIX-CONNECT:socketPath` as root without a password: the rule
 * lbtop itself suggests (transport/ssh/socat.ts), never a bare `socat` (root-equivalent: `socat - EXEC:/bin/sh`).
 * One drop-in per socket, checked with `visudo -c` under a name sudo ignores (it has a dot) before it is renamed
 * into effect, since a broken file in sudoers.d breaks sudo for everyone. Returns the function that removes
 * it, or null when sudo is not installed.
 */
export function ensureSocatSudoRule(user: string, socketPath: string): (() => void) | null {
  if (!existsSync('/usr/bin/sudo')) return null;
  const socat = sh(['sh', '-c', 'command -v socat']).stdout.trim();
  const rule = sudoersRule(user, socat, socketPath);
  if (!rule) throw new Error(`no exact sudoers rule can name ${socat}`);
  return installSudoersRule(`${user}-${createHash('sha256').update(socketPath).digest('hex').slice(0, 12)}`, rule);
}

/**
 * Lets `user` run exactly `argv` (an absolute path, plain words) as root without a password, nothing else. Returns
 * the function that removes the rule, or null when sudo is not installed.
 */
export function ensureExactSudoRule(user: string, argv: readonly string[]): (() => void) | null {
  if (!existsSync('/usr/bin/sudo')) return null;
  if (!argv[0]?.startsWith('/') || argv.some((word) => !/^[\w./-]+$/.test(word))) throw new Error(`not a plain command: ${argv.join(' ')}`);
  return installSudoersRule(`${user}-${createHash('sha256').update(argv.join(' ')).digest('hex').slice(0, 12)}`, `${user} ALL=(root) NOPASSWD: ${argv.join(' ')}`);
}

/** Checked with `visudo -c` under a name sudo ignores (it has a dot) before it is renamed into effect. */
function installSudoersRule(name: string, rule: string): () => void {
  const file = `/etc/sudoers.d/lbtop-lab-${name}`;
  const draft = `${file}.draft`;
  writeFileSync(draft, `${rule}\n`, { mode: 0o440 });
  const check = sh(['visudo', '-c', '-f', draft], { allowFail: true });
  if (check.code !== 0) {
    rmSync(draft, { force: true });
    throw new Error(`invalid sudoers rule ${rule}: ${check.stderr}`);
  }
  renameSync(draft, file);
  return () => rmSync(file, { force: true });
}
