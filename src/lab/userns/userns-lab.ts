// Network namespaces without root: one user namespace (`unshare -Urn`, its holder's own netns is the LAN's bridge),
// and one netns per host made inside it, each held by a `sh -c 'read _'` whose stdin is a pipe from us — if lbtop
// dies without stopping the lab, the holders read EOF and go. Hosts get eth0 on the bridge and an address on the LAN.
// Daemons are started in a host's namespaces through nsenter; stop() ends every pid this lab started or that a
// daemon wrote to a pid file, then the holders. Works the same when we are root (the user namespace maps root).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { nsenterArgv } from '../../transport/nsenter-runner.js';
import { killPid, running, sh } from '../netns/sh.js';

export interface UsernsLab {
  /** The pid whose namespaces are `host`'s (for `nsenter -t`). */
  hostPid(host: string): number;
  /** Starts a daemon in `host`'s namespaces (stdout and stderr to `log`); it is stopped by stop(). */
  spawn(host: string, argv: string[], log: string, env?: Record<string, string>): ChildProcess;
  /** Runs a short command in `host`'s namespaces; throws with its stderr when it fails. */
  exec(host: string, argv: string[]): string;
  /** Pid files whose pids stop() ends too (daemons that fork, or are restarted by lbtop's `start:`). */
  watchPidFile(file: string): void;
  /** Every pid the lab holds now: holders, daemons, and the pids in the watched pid files. */
  pids(): number[];
  stop(): Promise<void>;
}

const READ = ['sh', '-c', 'read _'];
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((f) => existsSync(f)) ?? null;


/** Resolves once `child` has exec'd its last program (namespaces made), rejects with its stderr if it exits. */
function started(child: ChildProcess, what: string): Promise<number> {
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => void (stderr += String(b)));
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`${what}: ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`${what}: ${stderr.trim().split('\n')[0] || `exited ${code}`}`)));
    const poll = async () => {
      for (let i = 0; i < 200 && child.exitCode === null; i += 1) {
        try {
          if (readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim() === 'sh') return resolve(child.pid!);
        } catch {
          // not there yet
        }
        await sleep(10);
      }
    };
    void poll();
  });
}

export async function startUsernsLab(hosts: Record<string, string>, prefix: number): Promise<UsernsLab> {
  const children: ChildProcess[] = [];
  const pidFiles: string[] = [];
  const holders = new Map<string, number>();
  const pidOf = (file: string) => {
    try {
      const n = Number(readFileSync(file, 'utf8').trim());
      return Number.isInteger(n) && n > 1 ? [n] : [];
    } catch {
      return [];
    }
  };
  const pids = () => [...new Set([...children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid!), ...pidFiles.flatMap(pidOf)])];
  // SIGKILL at once: a graceful keepalived exit takes a second (priority-0 adverts) and cleans up only what goes
  // with the namespaces anyway (VIPs, routes); pid files and sockets are in the temp dir the caller removes.
  const stop = async () => {
    const all = pids();
    for (const pid of all) killPid(pid, 'SIGKILL');
    for (let i = 0; i < 40 && all.some(running); i += 1) await sleep(25);
  };
  const hold = (argv: string[], what: string) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'ignore', 'pipe'] });
    children.push(child);
    return started(child, what);
  };
  const lab: UsernsLab = {
    hostPid: (host) => holders.get(host) ?? (() => { throw new Error(`no lab host ${host}`); })(),
    spawn(host, argv, log, env = {}) {
      const fd = openSync(log, 'a');
      const envArgv = Object.keys(env).length ? ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`)] : [];
      // setpriv --pdeathsig: if lbtop dies without stop() (SIGKILL, a crash), the kernel ends its daemons too.
      const full = nsenterArgv(lab.hostPid(host), [...(SETPRIV ? [SETPRIV, '--pdeathsig', 'KILL', '--'] : []), ...envArgv, ...argv]);
      const child = spawn(full[0]!, full.slice(1), { stdio: ['ignore', fd, fd] });
      closeSync(fd);
      children.push(child);
      return child;
    },
    exec: (host, argv) => sh(nsenterArgv(lab.hostPid(host), argv)).stdout,
    watchPidFile: (file) => void pidFiles.push(file),
    pids,
    stop,
  };
  try {
    const lan = await hold(['unshare', '--user', '--map-root-user', '--net', ...READ], 'unshare --user --net');
    holders.set('lan', lan);
    for (const host of Object.keys(hosts)) {
      holders.set(host, await hold(['nsenter', '--preserve-credentials', '-U', '-t', String(lan), '--', 'unshare', '--net', ...READ], `unshare --net (${host})`));
    }
    const links = Object.keys(hosts).map((host, i) => `ip link add v${i} type veth peer name eth0 netns ${holders.get(host)} && ip link set v${i} master br0 up`);
    lab.exec('lan', ['sh', '-c', ['set -e', 'ip link set lo up', 'ip link add br0 type bridge', 'ip link set br0 up', ...links].join('\n')]);
    for (const [host, address] of Object.entries(hosts)) {
      lab.exec(host, ['sh', '-c', `set -e; ip link set lo up; ip addr add ${address}/${prefix} dev eth0; ip link set eth0 up`]);
    }
    return lab;
  } catch (error) {
    await stop();
    throw error;
  }
}
