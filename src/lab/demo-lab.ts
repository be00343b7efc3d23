// The built-in demo: real HAProxy processes on unix sockets in a temp dir (a seed-000 homelab LB with its maps
// and TLS certificates, and a seed-002 pair), tiny backend nodes, some of them down, runtime changes a reload
// would revert (demo-homelab.ts), and live traffic so rates move. `stop()` ends everything it started (by the
// handles it holds) and removes the directory.
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackendServers, type BackendServers } from './backend-servers.js';
import { homelabConfig, pairConfig, type NodeSockets } from './demo-configs.js';
import { startDemoTraffic } from './demo-traffic.js';
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
    // The pair shares its stick tables through a peers section on two loopback ports (demo-pair-extras.ts).
    const [p0, p1] = await Promise.all([freePort(), freePort()]);
    const ports = { 'lb-0': p0, 'lb-1': p1 };
    haproxies.push(await startHaproxy({ name: 'lb-0', dir, config: pairConfig(sockets, { self: 'lb-0', ports }) }));
    haproxies.push(await startHaproxy({ name: 'lb-1', dir, config: pairConfig(sockets, { self: 'lb-1', ports }) }));
    await applyDemoDrift(haproxies);
    const configPath = path.join(dir, 'lbtop.yaml');
    writeFileSync(configPath, demoConfigYaml(haproxies));
    traffic = startDemoTraffic(dir, options.trafficPerSecond ?? 40);
    return { dir, configPath, haproxies, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function demoConfigYaml(haproxies: HaproxyProcess[]): string {
  // haproxy.config/master let the MAPS/DRIFT views and :trace read each lab LB's haproxy.cfg and reload it through its master.
  const lbs = haproxies.map((h) => `  ${h.name}:\n    haproxy: { socket: ${h.socket}, config: ${h.configPath}, master: ${h.masterSocket}, after_write: reload }`).join('\n');
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
  calico:
    backends: [default-app-port-1]
`;
}

/** A loopback port nobody listens on now (the kernel's pick), for the pair's peers. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
