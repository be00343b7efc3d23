// A non-root login user for lab sshd tests, because the socket-permission fallbacks only show with one.
// This changes the machine (a user in /etc/passwd, a sudoers drop-in); both are idempotent and tiny, and CI
// containers are thrown away. The account has no password ('*': not locked, so sshd with UsePAM no accepts keys).
import { existsSync, writeFileSync } from 'node:fs';
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
 * Lets `user` run exactly `command` as root without a password (what an operator would configure for
 * `sudo -n socat`). Returns false when sudo is not installed.
 */
export function ensureSudoRule(user: string, command: string): boolean {
  if (!existsSync('/usr/bin/sudo')) return false;
  const file = `/etc/sudoers.d/lbtop-lab-${user}`;
  const rule = `${user} ALL=(root) NOPASSWD: ${command}\n`;
  writeFileSync(file, rule, { mode: 0o440 });
  const check = sh(['visudo', '-c', '-f', file], { allowFail: true });
  if (check.code !== 0) throw new Error(`invalid sudoers rule in ${file}: ${check.stderr}`);
  return true;
}
