// A lab host that is more than a network namespace: its own mount namespace (a private /tmp and /run, as
// keepalived's dumps and heartbeat's state are fixed paths that two daemons would share) and optionally its own
// host name (UTS: heartbeat's node name is `uname -n`). A `sleep` process holds the namespaces; commands and
// daemons enter them with nsenter. The lab directory stays visible at the same path inside, so config files are
// written from outside and read inside under one name.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { localRunner, type CommandRunner } from '../../transport/exec.js';
import type { NetnsLab } from './lab.js';
import { killPid, PATH_WITH_SBIN, sh } from './sh.js';

export interface HostShell {
  host: string;
  /** The holder's pid: `nsenter -t PID -m -n -u` enters this host. */
  pid: number;
  /** argv prefix that runs a command on this host (for startHaproxy's `wrap`). */
  enter: string[];
  /** Commands on this host, as lbtop would run them there (same contract as SSH). */
  runner: CommandRunner;
  /** Runs a short command on the host; throws on a non-zero exit unless allowFail. */
  exec(argv: string[], options?: { allowFail?: boolean }): string;
  /** Starts a long-running process on the host; stopped by close() (by pid). */
  spawn(argv: string[]): ChildProcess;
  close(): void;
}

export interface HostShellOptions {
  /** Own UTS namespace with this host name. */
  hostname?: string;
  /** Extra directories to give a private tmpfs (besides /tmp and /run). */
  privateDirs?: string[];
  /** Directories bind-mounted over the host's own (`/etc/ha.d` ← a lab copy). */
  binds?: { from: string; to: string }[];
}

export async function startHostShell(lab: NetnsLab, host: string, options: HostShellOptions = {}): Promise<HostShell> {
  const keep = lab.dir;
  const script = [
    'set -e',
    // The lab dir lives under /tmp: keep it reachable through /mnt while /tmp is replaced, then put it back.
    `mount --bind /tmp /mnt`,
    'mount -t tmpfs lbtop-tmp /tmp',
    `mkdir -p ${keep}`,
    `mount --bind /mnt${keep.slice('/tmp'.length)} ${keep}`,
    'umount /mnt',
    'mount -t tmpfs lbtop-run /run',
    ...(options.privateDirs ?? []).map((d) => `mount -t tmpfs lbtop-priv ${d}`),
    ...(options.binds ?? []).map((b) => `mount --bind ${b.from} ${b.to}`),
    ...(options.hostname ? [`hostname ${options.hostname}`] : []),
    'exec sleep infinity',
  ].join('\n');
  const flags = ['--mount', '--propagation', 'private', ...(options.hostname ? ['--uts'] : [])];
  const holder = lab.spawn(host, ['unshare', ...flags, 'sh', '-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  holder.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const pid = holder.pid!;
  // ip netns exec, unshare and sh all exec in place: the pid becomes sleep's once the mounts are done.
  for (let i = 0; ; i++) {
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      throw new Error(`${host}: the namespace holder exited: ${stderr.trim()}`);
    }
    if (comm === 'sleep') break;
    if (i > 100) throw new Error(`${host}: the namespace holder did not start (${comm}): ${stderr.trim()}`);
    await sleep(20);
  }
  const enter = ['nsenter', '-t', String(pid), ...lab.nsenterFlags, '-m', '-n', ...(options.hostname ? ['-u'] : []), '--'];
  const children = new Set<ChildProcess>();
  const local = localRunner();
  return {
    host,
    pid,
    enter,
    runner: { label: `lab ${host}`, run: (argv, o) => local.run([...enter, ...argv], o) },
    exec: (argv, o = {}) => sh([...enter, ...argv], o).stdout,
    spawn(argv) {
      const child = spawn(enter[0]!, [...enter.slice(1), ...argv], { stdio: 'ignore', env: { ...process.env, PATH: PATH_WITH_SBIN } });
      children.add(child);
      child.once('exit', () => children.delete(child));
      return child;
    },
    close() {
      for (const child of children) if (child.pid) killPid(child.pid);
      killPid(pid);
    },
  };
}
