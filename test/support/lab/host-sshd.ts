// A real sshd inside a host shell's namespaces (network, and the private mount with its own /tmp and /run), so
// lbtop reaches that host's keepalived dumps over SSH exactly as on a real LB. Key login only; the host key and
// config live in the lab directory; stopped by pid with the shell.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HostShell } from '../../../src/lab/netns/host-shell.js';
import { publicKeyOf } from '../../../src/lab/netns/keys.js';
import type { NetnsLab } from '../../../src/lab/netns/lab.js';
import { sh } from '../../../src/lab/netns/sh.js';

export interface HostSshd {
  address: string;
  port: number;
  /** `ADDRESS ssh-ed25519 AAAA…` for a known_hosts file. */
  knownHostsLine: string;
}

export async function startHostSshd(lab: NetnsLab, shell: HostShell, authorizedKeys: string[], port = 22): Promise<HostSshd> {
  const address = lab.host(shell.host).address;
  const dir = path.join(lab.dir, `sshd-${shell.host}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const hostKey = path.join(dir, 'ssh_host_ed25519_key');
  sh(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const authorized = path.join(dir, 'authorized_keys');
  writeFileSync(authorized, authorizedKeys.map((k) => `${k}\n`).join(''), { mode: 0o644 });
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true, mode: 0o755 });
  const config = path.join(dir, 'sshd_config');
  const log = path.join(dir, 'sshd.log');
  writeFileSync(config, [
    `ListenAddress ${address}:${port}`, `HostKey ${hostKey}`, `PidFile ${dir}/sshd.pid`, `AuthorizedKeysFile ${authorized}`,
    'StrictModes no', 'UsePAM no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password', 'PrintMotd no',
    // The lab's own HOME, so a session's bash does not source the machine's ~/.bashrc (see sshd.ts).
    `SetEnv HOME=${home}`, '',
  ].join('\n'));
  // The privilege-separation directory, in this host's private /run.
  shell.exec(['mkdir', '-p', '-m', '755', '/run/sshd']);
  const child = shell.spawn(['/usr/sbin/sshd', '-D', '-f', config, '-E', log]);
  const deadline = Date.now() + 5000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.createConnection({ host: address, port });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (open) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`sshd in ${shell.host} did not start: ${existsSync(log) ? readFileSync(log, 'utf8').slice(-1000) : ''}`);
    }
    await sleep(30);
  }
  return { address, port, knownHostsLine: `${address} ${publicKeyOf(`${hostKey}.pub`)}` };
}
