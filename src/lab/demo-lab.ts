// The built-in demo: real HAProxy processes on unix sockets in a temp dir (a seed-000 homelab LB with its maps
// and TLS certificates, and a seed-002 pair), tiny backend nodes, some of them down, runtime changes a reload
// would revert (demo-homelab.ts), and live traffic so rates move. `stop()` ends everything it started (by the
// handles it holds) and removes the directory.
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackendServers, type BackendServers } from './backend-servers.js';
import { DEMO_HOSTS, homelabConfig, pairConfig, type NodeSockets } from './demo-configs.js';
import { applyDemoDrift, bootLate, prepareHomelabFiles } from './demo-homelab.js';
import { startHaproxy, type HaproxyProcess } from './haproxy-process.js';

export interface DemoLab {
  dir: string;
  /** lbtop.yaml text describing the lab, written to `${dir}/lbtop.yaml`. */
  configPath: string;
  haproxies: HaproxyProcess[];
  stop(): Promise<void>;
}

const LIVE_NODES = [
  ...['controlplane1', 'controlplane2', 'controlplane3', 'worker1', 'worker2'].map((n) => `k8s01-${n}`),
  'k8s01dev-controlplane1', 'k8s01dev-worker1', 'k8s02dev-controlplane1',
  'rancher-ingress1', 'rancher-ingress2', 'k3s-trfk-ingress1',
];
/** Boots after lbtop's first poll, so 6-EVENTS shows it come UP (demo-homelab.ts). */
const LATE_NODES = ['rancher-ingress3'];

export async function startDemoLab(options: { trafficPerSecond?: number } = {}): Promise<DemoLab> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-demo-'));
  const haproxies: HaproxyProcess[] = [];
  let nodes: BackendServers | null = null;
  let traffic: (() => void) | null = null;
  const late = bootLate(dir, LATE_NODES, 6000, 400);
  const stop = async () => {
    traffic?.();
    await late.stop();
    await Promise.all(haproxies.map((h) => h.stop()));
    await nodes?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The homelab's maps and certificates (openssl) are made while the nodes start; both settle before stop() can run.
    const files = prepareHomelabFiles(path.join(dir, 'homelab')).then(() => null, (error: unknown) => error);
    nodes = await startBackendServers(dir, LIVE_NODES, 400).finally(() => files);
    const failed = await files;
    if (failed) throw failed;
    const sockets: NodeSockets = { node: nodes.path, deadNode: (name) => `${dir}/dead-${name}.sock` };
    haproxies.push(await startHaproxy({ name: 'homelab', dir, config: homelabConfig(sockets) }));
    haproxies.push(await startHaproxy({ name: 'lb-0', dir, config: pairConfig(sockets) }));
    haproxies.push(await startHaproxy({ name: 'lb-1', dir, config: pairConfig(sockets) }));
    await applyDemoDrift(haproxies);
    const configPath = path.join(dir, 'lbtop.yaml');
    writeFileSync(configPath, demoConfigYaml(haproxies));
    traffic = startTraffic(dir, options.trafficPerSecond ?? 40);
    return { dir, configPath, haproxies, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function demoConfigYaml(haproxies: HaproxyProcess[]): string {
  // routing: lets the MAPS/DRIFT views and :trace read each lab LB's haproxy.cfg and reload it through its master.
  const lbs = haproxies.map((h) => `  ${h.name}:\n    haproxy: { socket: ${h.socket} }\n    routing: { config: ${h.configPath}, master: ${h.masterSocket}, after_write: reload }`).join('\n');
  return `# Written by the lbtop demo lab; removed when the demo stops.
interval: 1
lbs:
${lbs}
clusters:
  k8s01:
    backends: [k3s-backend, k8s_http_lb_backend, k8s_https_lb_backend, https_k8s01_backend, be_default, be_api, be_auth]
    frontends: [k3s-api-frontend, k8s_http_lb_frontend, k8s_https_lb_frontend, default, www]
  k8s01-dev:
    backends: ["/_k8s01_dev_/"]
  k8s02-dev:
    backends: ["/_k8s02_dev_/"]
  rancher:
    backends: [k8s-http-ingress]
    frontends: [http]
  k3s:
    backends: [k3s-http-ingress]
`;
}

/**
 * Sends requests with cluster Host headers to every http frontend (TLS with SNI to the https one, whose demo
 * certificates nobody trusts), at a rate that drifts so graphs move.
 */
function startTraffic(dir: string, perSecond: number): () => void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const tls = new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false });
  const homelab = (s: string, paths = ['/']) => ({ socketPath: path.join(dir, 'homelab', s), hosts: DEMO_HOSTS.homelab, paths });
  const targets = [
    homelab('http.sock'), homelab('https.sock'), homelab('default.sock'), homelab('www.sock', ['/', '/api/v1', '/login']),
    ...['lb-0', 'lb-1'].map((lb) => ({ socketPath: path.join(dir, lb, 'http.sock'), hosts: DEMO_HOSTS.pair, paths: ['/'] })),
  ];
  let phase = 0;
  const timer = setInterval(() => {
    phase += 0.05;
    const burst = Math.max(1, Math.round((perSecond / 10) * (1 + 0.6 * Math.sin(phase))));
    for (let i = 0; i < burst; i += 1) {
      const target = targets[Math.floor(Math.random() * targets.length)]!;
      const host = target.hosts[Math.floor(Math.random() * target.hosts.length)]!;
      const at = target.paths[Math.floor(Math.random() * target.paths.length)]!;
      const secure = target.socketPath.endsWith('https.sock');
      const options = { socketPath: target.socketPath, path: at, headers: { host } };
      const req = secure ? https.request({ ...options, agent: tls, servername: host }, (res) => res.resume()) : http.request({ ...options, agent }, (res) => res.resume());
      req.on('error', () => undefined); // a down backend or a stopping lab is part of the demo
      req.end();
    }
  }, 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    agent.destroy();
    tls.destroy();
  };
}
