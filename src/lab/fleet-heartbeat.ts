// The fleet demo's heartbeat pair (with root, see fleet-failover.ts): v1 haresources with one IPaddr2 resource,
// like seed 001 and test/e2e/failover/heartbeat-netns.test.ts. Each node runs in a host shell with its own host name
// (heartbeat's node name is `uname -n`) and private /etc/ha.d, /var/lib/heartbeat, /var/log and /run, copies made
// in the lab directory.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HostShell, HostShellOptions } from './netns/host-shell.js';
import type { NetnsLab } from './netns/lab.js';

const HEARTBEAT = '/usr/libexec/heartbeat/heartbeat';

export const heartbeatInstalled = () => existsSync(HEARTBEAT);

/** The heartbeat VIP: one IPaddr2 resource, held by the first node of the pair. */
export const heartbeatVip = (lab: NetnsLab) => `${lab.subnet}.210`;

export function heartbeatFiles(lab: NetnsLab, lb: string, pair: string[]): HostShellOptions {
  const peer = pair.find((p) => p !== lb)!;
  const dir = path.join(lab.dir, lb, 'heartbeat');
  mkdirSync(path.join(dir, 'log'), { recursive: true });
  cpSync('/etc/ha.d', path.join(dir, 'ha.d'), { recursive: true });
  // /var/lib/heartbeat is not readable by everyone (ccm, crm): made anew, with the directories heartbeat enters.
  for (const d of ['cores/root', 'cores/hacluster', 'cores/nobody', 'ccm', 'crm', 'api', 'casual', 'ckpt']) mkdirSync(path.join(dir, 'lib', d), { recursive: true });
  writeFileSync(path.join(dir, 'ha.d', 'ha.cf'), [
    'keepalive 1', 'deadtime 3', 'warntime 2', 'initdead 4', 'udpport 694', `ucast eth0 ${lab.host(peer).address}`,
    'auto_failback off', 'use_logd no', 'logfile /var/log/ha-log', ...pair.map((n) => `node ${n}`), '',
  ].join('\n'));
  writeFileSync(path.join(dir, 'ha.d', 'haresources'), `${pair[0]} IPaddr2::${heartbeatVip(lab)}/24/eth0\n`);
  writeFileSync(path.join(dir, 'ha.d', 'authkeys'), 'auth 1\n1 md5 lbtop-lab-only\n', { mode: 0o600 });
  return {
    hostname: lb,
    binds: [
      { from: path.join(dir, 'ha.d'), to: '/etc/ha.d' },
      { from: path.join(dir, 'lib'), to: '/var/lib/heartbeat' },
      { from: path.join(dir, 'log'), to: '/var/log' },
    ],
  };
}

/** Starts heartbeat in its host shell (the files of heartbeatFiles mounted there); stopped with the shell. */
export function startHeartbeat(shell: HostShell): void {
  shell.exec(['sh', '-c', 'mkdir -p /run/heartbeat/ccm /run/heartbeat/crm /run/heartbeat/dopd /run/crm /run/resource-agents; chown -R hacluster:haclient /run/heartbeat /run/crm /var/lib/heartbeat']);
  shell.spawn([HEARTBEAT, '-f']);
}
