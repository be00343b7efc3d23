// Seed 000's haproxy.cfg (fixtures/seeds/000/haproxy.cfg, as published) on a real HAProxy (2.6, and 3.0 in the
// 3.0 run) on this machine: addresses 192.168.64.N → 127.0.64.N, and only what this lab cannot have changed —
//  - HAProxy 2.6 refuses the seed as written ("mode tcp" backends behind "mode http" frontends): the three
//    backends http_k8s01_dev_backend, http_k8s02_dev_backend and k8s_http_lb_backend get `mode http` (the
//    smallest change that loads; their servers, names and addresses are untouched);
//  - binds go to unix sockets in the lab dir (no port 80/443/9000 taken on a shared machine; no TLS cert for
//    the :443 `ssl crt` bind), the stats socket is the lab's, chroot/user/daemon/log/errorfile lines go, and the
//    two map files the `default`/`www` frontends load are placed in the lab dir (fixtures/seeds/000/maps/).
// `extra` is appended as written: the tests add servers at a node's address under other names there.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/seeds/000');
const TCP_BEHIND_HTTP = ['http_k8s01_dev_backend', 'http_k8s02_dev_backend', 'k8s_http_lb_backend'];

export function seed000Config(extra = ''): string {
  const lines = readFileSync(path.join(FIXTURES, 'haproxy.cfg'), 'utf8').split('\n');
  const out: string[] = [];
  let section = '';
  let binds = 0;
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    if (/^(global|defaults|frontend|backend|listen)\b/.test(line)) section = line.trim();
    if (section === 'global') {
      if (line === 'global') out.push(line, '  stats socket @SOCKET@ mode 600 level admin');
      else if (/^(stats timeout|ca-base|crt-base|ssl-default)/.test(line)) out.push(`  ${line}`);
      continue; // log, chroot, user, group, daemon, the seed's own stats socket: not for a lab process
    }
    if (/^(errorfile|log |option httplog|log-format)/.test(line)) continue;
    if (words[0] === 'bind') {
      out.push(`  bind unix@@DIR@/bind-${binds++}.sock`);
      continue;
    }
    if (words[0] === 'mode' && words[1] === 'tcp' && TCP_BEHIND_HTTP.some((b) => section === `backend ${b}`)) {
      out.push('  mode http # seed: mode tcp (HAProxy 2.6 refuses a tcp backend behind an http frontend)');
      continue;
    }
    out.push(line.startsWith('#') || /^(frontend|backend|listen|defaults)\b/.test(line) ? line : `  ${line}`);
  }
  return `${out.join('\n').replaceAll('192.168.64.', '127.0.64.').replaceAll('/etc/haproxy/maps/', '@DIR@/')}\n${extra}`;
}

/** Servers the tests add at k8s01's worker1 machine (.94) under other names, and two it cannot place. */
export const EXTRA = `
backend k8s01_node_exporter
  server worker1-exporter 127.0.64.94:9100 check
  server node-socket unix@@DIR@/exporter.sock
  server dns-slot worker1.lab.invalid:9100 init-addr none
backend k8s01_sticky
  balance source
  server worker2 127.0.64.95:443 weight 10
backend local_agent
  server agent 127.0.0.1:9
`;

/** Servers addressed by a DNS name (a server-template slot, resolvers): at the local machine by the name localhost. */
export const DNS_EXTRA = `
resolvers lab
  parse-resolv-conf
backend local_template
  server-template slot 2 localhost:9 resolvers lab init-addr libc,none
`;

export const SEED000_CLUSTERS = `clusters:
  k8s01:
    backends: [k3s-backend, k8s_http_lb_backend, k8s_https_lb_backend]
  k8s01-dev:
    backends: ["/_k8s01_dev_/"]
  k8s02-dev:
    backends: ["/_k8s02_dev_/"]
`;

export interface Seed000Lab {
  haproxy: HaproxyProcess;
  /** lbtop.yaml: the LB `homelab` on this HAProxy's socket, seed 000's three clusters. */
  yaml: string;
  config: LbtopConfig;
}

export async function startSeed000(dir: string, extra = ''): Promise<Seed000Lab> {
  // The maps are read at startup: written into the instance dir (startHaproxy's dir/name) before HAProxy starts.
  const lbDir = path.join(dir, 'homelab');
  mkdirSync(lbDir, { recursive: true });
  copyFileSync(path.join(FIXTURES, 'maps/hosts.map'), path.join(lbDir, 'hosts.map'));
  copyFileSync(path.join(FIXTURES, 'maps/routes.map'), path.join(lbDir, 'routes.map'));
  const haproxy = await startHaproxy({ name: 'homelab', dir, config: seed000Config(extra) });
  const yaml = `interval: 1\nlbs:\n  homelab:\n    haproxy: { socket: ${haproxy.socket} }\n${SEED000_CLUSTERS}`;
  const loaded = loadConfig(yaml);
  if (!loaded.config) throw new Error(`seed 000 lab config: ${JSON.stringify(loaded.issues)}`);
  return { haproxy, yaml, config: loaded.config };
}
