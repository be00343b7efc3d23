// Can this machine build a namespace lab? Asked before `lbtop demo --fleet` starts anything, so a laptop without
// root gets one line saying why and what to run instead, not a stack of `ip netns add` errors.
import { existsSync } from 'node:fs';
import { haproxyAvailable } from '../haproxy-process.js';
import { sh } from './sh.js';

export interface LabProbe {
  uid: number;
  /** `ip netns list` runs (iproute2 installed, /run/netns usable). */
  netns(): boolean;
  sshd(): boolean;
  haproxy(): boolean;
}

export const realProbe = (): LabProbe => ({
  uid: process.getuid?.() ?? -1,
  netns: () => sh(['ip', 'netns', 'list'], { allowFail: true }).code === 0,
  sshd: () => existsSync('/usr/sbin/sshd'),
  haproxy: () => haproxyAvailable(),
});

/** Why a namespace lab cannot run here, or null when it can. Checked cheapest first. */
export function namespaceLabUnavailable(probe: LabProbe = realProbe()): string | null {
  if (probe.uid !== 0) return 'needs root to build network namespaces';
  if (!probe.netns()) return '`ip netns` is not available (iproute2)';
  if (!probe.sshd()) return 'needs OpenSSH\'s sshd (/usr/sbin/sshd, package openssh-server)';
  if (!probe.haproxy()) return 'needs haproxy installed';
  return null;
}
