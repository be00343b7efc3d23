// Seed 003's fleet for the fleet-scale benchmark (issue 13): an HAProxy on every Kubernetes node, each balancing
// the API servers `master1..3` on 127.0.0.1, so a fleet is hundreds of LBs of 3 servers. Hundreds of namespaces
// and sshds would measure the lab, not lbtop, so several LBs share a host: each host is a namespace with one real
// sshd and `lbsPerHost` HAProxy processes, each with its own config, admin socket and frontend port. The masters
// are three namespaces with a listener on :6443, so every server is checked (default `inter 2s`) and UP.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LbtopConfig } from '../../src/model/config.js';
import { rawCommand } from '../../src/lab/haproxy-process.js';
import type { NetnsLab } from '../../src/lab/netns/lab.js';
import { startHttpBackend, type HttpBackend } from '../../src/lab/netns/http-backend.js';
import { hostStanzas, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';

export interface K8sLb {
  name: string;
  /** The ssh_config alias of the host it runs on (shared with the other LBs there). */
  host: string;
  socket: string;
}

/** One LB's HAProxy: a single process (no master: 500 masters would double the lab's memory). */
export interface K8sHaproxy {
  readonly pid: number;
  socket: string;
  stop(): Promise<void>;
}

export interface K8sFleetLab {
  ssh: SshLab;
  hosts: string[];
  lbs: K8sLb[];
  masters: HttpBackend[];
  haproxy: Map<string, K8sHaproxy>;
  /** lbtop's config: every LB over ssh to its host's alias, its own socket, resolved with `sshConfig`. */
  config(sshConfig?: string): LbtopConfig;
  /** The same as an lbtop.yaml for bin/lbtop; returns its path. */
  writeYaml(file: string, sshConfig?: string): string;
  close(): Promise<void>;
}

export interface K8sFleetOptions {
  lbs: number;
  /** LBs per sshd host (default 10; the last host may hold fewer). */
  lbsPerHost?: number;
  /** HAProxy processes started at once (each waits for its socket). */
  startConcurrency?: number;
  log?: (line: string) => void;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const MASTERS = ['master1', 'master2', 'master3'];
const API_PORT = 6443;

/** Seed 003's haproxy.cfg, made to share a host: its own socket and frontend port, one thread, checks spread. */
export function k8sHaproxyConfig(frontendPort: number, masters: readonly { name: string; address: string }[]): string {
  return `global
  stats socket @SOCKET@ mode 666 level admin
  nbthread 1
  maxconn 200
  spread-checks 50
defaults
  mode tcp
  timeout connect 5s
  timeout client 50s
  timeout server 50s
frontend api-front
  bind 127.0.0.1:${frontendPort}
  use_backend api-backend
backend api-backend
  option tcp-check
  balance roundrobin
${masters.map((m) => `  server ${m.name} ${m.address}:${API_PORT} check`).join('\n')}
`;
}

export async function startK8sFleetLab(options: K8sFleetOptions): Promise<K8sFleetLab> {
  const perHost = options.lbsPerHost ?? 10;
  const hostCount = Math.ceil(options.lbs / perHost);
  const hosts = Array.from({ length: hostCount }, (_, i) => `sshd${pad(i + 1, 2)}`);
  const lbs: K8sLb[] = [];
  const ssh = await startSshLab({
    hosts: Object.fromEntries(hosts.map((h) => [h, () => ['MaxStartups 200:30:400']])),
    plainHosts: MASTERS,
    sshConfig: (lab) => `
${hostStanzas(lab, hosts)}
Host *
  IdentityFile @KEY@
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  IdentityAgent none
`,
  });
  const haproxy = new Map<string, K8sHaproxy>();
  const masters: HttpBackend[] = [];
  const close = async () => {
    await Promise.all([...haproxy.values()].map((h) => h.stop()));
    await Promise.all(masters.map((m) => m.stop()));
    await ssh.close();
  };
  try {
    for (const name of MASTERS) masters.push(await startHttpBackend(ssh.lab, name, API_PORT, name));
    const width = Math.max(3, String(options.lbs).length);
    const todo = Array.from({ length: options.lbs }, (_, i) => ({ i, name: `k8s-${pad(i + 1, width)}`, host: hosts[Math.floor(i / perHost)]! }));
    const next = () => todo.shift();
    const worker = async () => {
      for (let job = next(); job; job = next()) {
        const config = k8sHaproxyConfig(20000 + (job.i % perHost), masters);
        const proc = await startOne(ssh.lab, job.host, path.join(ssh.lab.dir, job.name), config);
        haproxy.set(job.name, proc);
        lbs.push({ name: job.name, host: job.host, socket: proc.socket });
        if (haproxy.size % 100 === 0) options.log?.(`  ${haproxy.size}/${options.lbs} HAProxy started`);
      }
    };
    await Promise.all(Array.from({ length: options.startConcurrency ?? 16 }, worker));
  } catch (error) {
    await close();
    throw error;
  }
  lbs.sort((a, b) => a.name.localeCompare(b.name));
  const config = (sshConfig = ssh.configFile): LbtopConfig => ({
    lbs: lbs.map((lb) => ({ name: lb.name, haproxy: { socket: lb.socket, timeoutMs: 5000 }, ssh: { host: lb.host, config: sshConfig } })),
    clusters: [],
    intervalSec: 1,
    readOnly: false,
    theme: 'mono',
  });
  return {
    ssh,
    hosts,
    lbs,
    masters,
    haproxy,
    config,
    writeYaml(file, sshConfig = ssh.configFile) {
      const lines = lbs.map((lb) => `  ${lb.name}: { ssh: ${lb.host}, haproxy: { socket: ${lb.socket} } }`);
      writeFileSync(file, `defaults:\n  ssh: { config: ${sshConfig} }\nlbs:\n${lines.join('\n')}\n`);
      return path.resolve(file);
    },
    close,
  };
}

/** Starts HAProxy in `host`'s namespace (killed by pid at the lab's teardown too) and waits for its socket. */
async function startOne(lab: NetnsLab, host: string, dir: string, config: string): Promise<K8sHaproxy> {
  mkdirSync(dir, { recursive: true });
  const socket = path.join(dir, 'admin.sock');
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, config.replaceAll('@SOCKET@', socket));
  const child: ChildProcess = lab.spawn(host, ['haproxy', '-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  for (const deadline = Date.now() + 30_000; ; ) {
    if (child.exitCode !== null) throw new Error(`haproxy in ${dir} exited: ${stderr}`);
    const reply = await rawCommand(socket, 'show info', 1000).catch(() => '');
    if (reply.includes('Pid:')) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`haproxy in ${dir}: no answer on ${socket}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { get pid() { return child.pid ?? -1; }, socket, stop };
}
