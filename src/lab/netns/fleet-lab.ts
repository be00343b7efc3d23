// A fleet in namespaces for the SSH tests, the SSH benchmark and `lbtop demo --fleet`: N LB hosts, each with a
// real sshd and a real HAProxy in its own namespace (frontend on its lab address), in front of backend nodes
// running tiny HTTP servers. The LBs are reached the way an operator reaches them: ssh aliases from an
// ssh_config, host keys from a known_hosts the lab wrote, stats socket over SSH.
import http from 'node:http';
import path from 'node:path';
import type { LbConfig, LbtopConfig } from '../../model/config.js';
import { startHaproxy, type HaproxyProcess } from '../haproxy-process.js';
import type { HostShellOptions } from './host-shell.js';
import { startHttpBackend, type HttpBackend } from './http-backend.js';
import type { NetnsLab } from './lab.js';
import { makeKeyPair } from './keys.js';
import { hostStanzas, startSshLab, type SshLab } from './ssh-lab.js';

export interface FleetLab {
  ssh: SshLab;
  lbs: string[];
  nodes: HttpBackend[];
  haproxy: Record<string, HaproxyProcess>;
  /** An lbtop config with every LB over ssh (alias = LB name), socket given. */
  config(overrides?: (lb: LbConfig) => LbConfig): LbtopConfig;
  /** http://LB:8080/path */
  url(lb: string, path: string): string;
  close(): Promise<void>;
}

/** One HTTP GET through an LB (a fresh connection each time), resolving with the trimmed body. */
export function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body.trim()));
    }).on('error', reject);
  });
}

export const HTTP_PORT = 8080;

/**
 * Backends `be_http` and `be_api` both hold every node (a node sits in several backends, as in seed 000);
 * `backups` go to `be_backup` as `<name>-backup` at the node's own address and port: the same machine under
 * another name in another backend, which a node drain must include.
 */
export function fleetHaproxyConfig(address: string, nodes: { name: string; address: string; port: number }[], extraServers = 0, backups: readonly string[] = []): string {
  const backup = nodes.filter((n) => backups.includes(n.name)).map((n) => `  server ${n.name}-backup ${n.address}:${n.port} check inter 1s`).join('\n');
  const servers = nodes.map((n) => `  server ${n.name} ${n.address}:${n.port} check inter 1s`).join('\n');
  const filler = Array.from({ length: extraServers }, (_, i) => `  server filler${i} 127.0.0.1:${10000 + (i % 50000)} disabled`).join('\n');
  return `
global
  stats socket @SOCKET@ mode 666 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
frontend fe
  bind ${address}:${HTTP_PORT}
  default_backend be_http
backend be_http
  balance roundrobin
${servers}
backend be_api
${servers}
${filler ? `backend be_bulk\n${filler}\n` : ''}${backup ? `backend be_backup\n${backup}\n` : ''}`;
}

export interface FleetLabOptions {
  lbs: number;
  /** Backend nodes, each a namespace with a tiny HTTP server (default 2). */
  nodes?: number;
  /** Servers in be_http/be_api that point at a port nothing listens on: DOWN from the first health check. */
  downNodes?: number;
  /** Disabled filler servers per LB (benchmarks: 1,000 servers per LB). */
  extraServers?: number;
  prefix?: string;
  /** The ssh_config's IdentityFile is an encrypted key (lab dir `enc_key`), authorized like the plain one. */
  passphrase?: string;
  /** Login user (see SshLabSpec.user). */
  user?: string;
  /** Nodes that also get a `<name>-backup` server in `be_backup` (see fleetHaproxyConfig). */
  backups?: string[];
  /** Build it in a user namespace, without root (see userns.ts, ssh-relay.ts). */
  userns?: boolean;
  /** LBs whose sshd runs in a host shell with a private /tmp and /run (keepalived's fixed dump files). */
  shells?: Record<string, (lab: NetnsLab) => HostShellOptions>;
}

export async function startFleetLab(options: FleetLabOptions): Promise<FleetLab> {
  const prefix = options.prefix ?? 'lb';
  const lbs = Array.from({ length: options.lbs }, (_, i) => `${prefix}${i + 1}`);
  const nodeNames = Array.from({ length: options.nodes ?? 2 }, (_, i) => `node${i + 1}`);
  const ssh = await startSshLab(
    {
      hosts: Object.fromEntries(lbs.map((lb) => [lb, () => []])),
      plainHosts: nodeNames,
      ...(options.user !== undefined ? { user: options.user } : {}),
      ...(options.userns ? { userns: true } : {}),
      ...(options.shells ? { shells: options.shells } : {}),
      // Host keys are checked as in production: only the lab's known_hosts, never accept-new, never the agent.
      sshConfig: (lab) => `
${hostStanzas(lab, lbs)}
Host *
  IdentityFile ${options.passphrase !== undefined ? path.join(lab.dir, 'enc_key') : '@KEY@'}
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  IdentityAgent none
`,
    },
    (dir) => (options.passphrase !== undefined ? [makeKeyPair(path.join(dir, 'enc_key'), { passphrase: options.passphrase })] : []),
  );
  const haproxy: Record<string, HaproxyProcess> = {};
  const nodes: HttpBackend[] = [];
  try {
    for (const name of nodeNames) nodes.push(await startHttpBackend(ssh.lab, name, 8000, name));
    const targets = nodes.map((n) => ({ name: n.name, address: n.address, port: n.port }));
    // A node that is down: the address of a live node, a port where nothing listens.
    const down = Array.from({ length: nodes.length ? (options.downNodes ?? 0) : 0 }, (_, i) => ({ name: `node${nodeNames.length + i + 1}`, address: nodes[0]!.address, port: 8100 + i }));
    targets.push(...down);
    await Promise.all(
      lbs.map(async (lb) => {
        const config = fleetHaproxyConfig(ssh.lab.host(lb).address, targets, options.extraServers ?? 0, options.backups ?? []);
        haproxy[lb] = await startHaproxy({ name: lb, dir: ssh.lab.dir, config, wrap: ssh.lab.wrap(lb) });
      }),
    );
  } catch (error) {
    await Promise.all(Object.values(haproxy).map((h) => h.stop()));
    await ssh.close();
    throw error;
  }
  return {
    ssh,
    lbs,
    nodes,
    haproxy,
    config(overrides = (lb) => lb) {
      return {
        lbs: lbs.map((name) => overrides({ name, haproxy: { socket: haproxy[name]!.socket, timeoutMs: 5000 }, ssh: { host: name, config: ssh.configFile } })),
        clusters: [],
        intervalSec: 1,
        readOnly: false,
        theme: 'mono',
      };
    },
    url: (lb, p) => `http://${ssh.lab.host(lb).address}:${HTTP_PORT}${p}`,
    async close() {
      await Promise.all(Object.values(haproxy).map((h) => h.stop()));
      await Promise.all(nodes.map((n) => n.stop()));
      await ssh.close();
    },
  };
}

export const socketDir = (lab: FleetLab, lb: string) => path.dirname(lab.haproxy[lb]!.socket);
