// A real OpenSSH server inside a lab namespace: its own host key, config, authorized_keys and pid file, listening
// on the namespace's address. Tests can stop it, crash it (listener and live sessions, like a host going away),
// start it again with the same key, or give it a new host key (a reinstalled host, or an impostor).
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { publicKeyOf } from './keys.js';
import type { HostShell } from './host-shell.js';
import type { NetnsLab } from './lab.js';
import { killPid, sh } from './sh.js';

export interface SshdOptions {
  /** Lab host name. */
  host: string;
  /** authorized_keys lines (`ssh-ed25519 AAAA…`), for every user. */
  authorizedKeys: string[];
  port?: number;
  hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa';
  /** Extra sshd_config lines, e.g. `AllowStreamLocalForwarding no`. */
  extraConfig?: string[];
  /** Run inside this host shell (its private /tmp and /run: keepalived's dump files) instead of `ip netns exec`. */
  shell?: HostShell;
}

export interface SshdProcess {
  host: string;
  address: string;
  port: number;
  configPath: string;
  logPath: string;
  /** `ssh-ed25519 AAAA…` */
  hostPublicKey: string;
  /** The host public key file, for `ssh-keygen -lf`. */
  hostKeyFile: string;
  readonly pid: number;
  /** A known_hosts line for `name` (default: the address, in `[addr]:port` form off port 22). */
  knownHostsLine(name?: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL of the listener and every session under it: the host is gone mid-command. */
  crash(): void;
  /** Replaces the host key; takes effect at the next start. */
  newHostKey(): void;
}

const SSHD = '/usr/sbin/sshd';

export async function startSshd(lab: NetnsLab, options: SshdOptions): Promise<SshdProcess> {
  const host = lab.host(options.host);
  const port = options.port ?? 22;
  const dir = path.join(lab.dir, `sshd-${options.host}${port === 22 ? '' : `-${port}`}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  // sshd refuses to start without its privilege-separation directory, which only the packaged service creates.
  // In a user namespace sshd runs as a plain user (see below), where it neither needs nor checks it.
  if (!lab.userns && options.shell) options.shell.exec(['mkdir', '-p', '-m', '755', '/run/sshd']);
  else if (!lab.userns) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  // Without root, sshd's privilege separation fails as root of the lab's user namespace: its pre-auth child
  // calls setgroups() ("setgroups: Operation not permitted [preauth]": setgroups is denied in a namespace an
  // unprivileged user made) and its `sshd` user has no uid there (one uid is mapped: ours). Run as a non-root
  // uid, sshd skips the chroot and uid switch altogether: a nested user namespace maps our own uid, so sshd
  // runs as us, and the login user is us. A non-root sshd cannot bind port 22 unless the namespace allows it.
  // Its one group is mapped as `tty`: a session's pty is chowned to the tty group ("chown(/dev/pts/N, uid, 5)
  // failed: Invalid argument", fatal, with the group unmapped), and lbtop's first session asks for a pty
  // (transport/ssh/nodelay.ts).
  const nested = lab.userns ? ['unshare', '--user', `--map-user=${process.getuid!()}`, `--map-group=${ttyGroup()}`] : [];
  if (lab.userns) lab.exec(options.host, ['sysctl', '-q', '-w', 'net.ipv4.ip_unprivileged_port_start=0']);
  const keyType = options.hostKeyType ?? 'ed25519';
  const hostKey = path.join(dir, `ssh_host_${keyType}_key`);
  const authorized = path.join(dir, 'authorized_keys');
  writeFileSync(authorized, options.authorizedKeys.map((k) => `${k}\n`).join(''), { mode: 0o644 });
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true, mode: 0o755 });
  const configPath = path.join(dir, 'sshd_config');
  const logPath = path.join(dir, 'sshd.log');
  const pidFile = path.join(dir, 'sshd.pid');
  writeFileSync(
    configPath,
    [
      `ListenAddress ${host.address}:${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${pidFile}`,
      `AuthorizedKeysFile ${authorized}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'PrintMotd no',
      'LogLevel VERBOSE',
      // HOME is the lab's own: the login shell of an exec channel (bash, started by sshd) sources ~/.bashrc, and
      // the machine's (root's) may do slow or locking work there (pyenv rehash waits 60 s on a lock that a killed
      // session left behind): the lab's sessions must not depend on the host's dotfiles. One SetEnv line: sshd
      // keeps the first of each keyword. A non-root login's default PATH has no sbin, where keepalived and birdc
      // are (root's has).
      `SetEnv HOME=${home}${lab.userns ? ' PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : ''}`,
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  const newHostKey = () => {
    rmSync(hostKey, { force: true });
    rmSync(`${hostKey}.pub`, { force: true });
    sh(['ssh-keygen', '-q', '-t', keyType, '-N', '', '-f', hostKey]);
    proc.hostPublicKey = publicKeyOf(`${hostKey}.pub`);
  };
  let child: ChildProcess | null = null;
  const proc: SshdProcess = {
    host: options.host,
    address: host.address,
    port,
    configPath,
    logPath,
    hostPublicKey: '',
    hostKeyFile: `${hostKey}.pub`,
    get pid() {
      return child?.pid ?? -1;
    },
    knownHostsLine(name = port === 22 ? host.address : `[${host.address}]:${port}`) {
      return `${name} ${proc.hostPublicKey}`;
    },
    async start() {
      sh([SSHD, '-t', '-f', configPath]);
      const argv = [...nested, SSHD, '-D', '-f', configPath, '-E', logPath];
      child = options.shell ? options.shell.spawn(argv) : lab.spawn(options.host, argv);
      const listening = lab.userns ? async () => listensInside(lab, host.ns, port) : () => connects(host.address, port);
      await waitForPort(`${host.address}:${port}`, listening, 5000, () => child?.exitCode !== null, logPath);
    },
    async stop() {
      const running = child;
      if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      killPid(running.pid, 'SIGTERM');
      await exited;
    },
    crash() {
      if (child?.pid) killTree(child.pid);
    },
    newHostKey,
  };
  newHostKey();
  await proc.start();
  return proc;
}

/** SIGKILL a process and all its descendants (sshd sessions are children of the listener, in their own sessions). */
function killTree(root: number): void {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The ppid is the 2nd field after the parenthesised command name, which may itself contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  // Collected first, killed after: a parent killed first would hand its children to init and out of the tree.
  for (const pid of tree) killPid(pid);
}

/** The gid of group `tty` (5 on Debian), which sshd gives every pty. */
function ttyGroup(): number {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith('tty:'));
  return Number(line?.split(':')[2] ?? process.getgid!());
}

function connects(address: string, port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.createConnection({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** In a user namespace this process cannot reach the lab's addresses: ask the namespace's socket table instead. */
function listensInside(lab: NetnsLab, ns: string, port: number): boolean {
  return lab.run(['ss', '-N', ns, '-Hltn', `sport = :${port}`], { allowFail: true }).stdout.trim() !== '';
}

async function waitForPort(where: string, listening: () => Promise<boolean> | boolean, timeoutMs: number, died: () => boolean, log: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (died()) break;
    if (await listening()) return;
    await sleep(30);
  }
  const text = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
  throw new Error(`sshd on ${where} did not start${died() ? ' (exited)' : ''}\n${text}`);
}
