// Can this machine build a namespace lab? Asked before `lbtop demo --fleet` starts anything, so a laptop without
// root or user namespaces gets one line saying why and what to run instead, not a stack of `ip netns add` errors.
// With root the lab uses the host's `ip netns`; without, a user namespace (userns.ts), which the kernel may
// refuse (user.max_user_namespaces = 0, a hardened sysctl, a container's seccomp profile).
import { existsSync } from 'node:fs';
import { haproxyAvailable } from '../haproxy-process.js';
import { sh } from './sh.js';
import { usernsRefusal } from './userns.js';

export interface LabProbe {
  uid: number;
  /** `ip netns list` runs (iproute2 installed, /run/netns usable). */
  netns(): boolean;
  /** Null when an unprivileged user namespace with its own network can be made; else unshare's error. */
  userns(): string | null;
  sshd(): boolean;
  haproxy(): boolean;
}

export const realProbe = (): LabProbe => ({
  uid: process.getuid?.() ?? -1,
  netns: () => sh(['ip', 'netns', 'list'], { allowFail: true }).code === 0,
  userns: () => usernsRefusal(),
  sshd: () => existsSync('/usr/sbin/sshd'),
  haproxy: () => haproxyAvailable(),
});

export type LabMode = 'root' | 'userns';

/** Where the lab can be built, or why it cannot (one line). Checked cheapest first. */
export function namespaceLabMode(probe: LabProbe = realProbe()): { mode: LabMode } | { refused: string } {
  if (probe.uid === 0 && !probe.netns()) return { refused: '`ip netns` is not available (iproute2)' };
  if (!probe.sshd()) return { refused: 'needs OpenSSH\'s sshd (/usr/sbin/sshd, package openssh-server)' };
  if (!probe.haproxy()) return { refused: 'needs haproxy installed' };
  if (probe.uid === 0) return { mode: 'root' };
  const why = probe.userns();
  if (why) return { refused: `needs root, or unprivileged user namespaces, which this system refuses (\`unshare --user --net\`: ${why})` };
  return { mode: 'userns' };
}

/** Why a namespace lab cannot run here, or null when it can (root or a user namespace). */
export function namespaceLabUnavailable(probe: LabProbe = realProbe()): string | null {
  const verdict = namespaceLabMode(probe);
  return 'refused' in verdict ? verdict.refused : null;
}
