// The namespace lab of seed 004 for test/e2e/nodes/: two ingress LBs, each a real HAProxy (here, on loopback) beside a
// real BIRD 2 in its own namespace, peering iBGP with three Kubernetes-node speakers (BIRD 2 with static pod
// blocks, what Calico announces). worker1 announces 172.16.171.64/26 and worker2 172.16.189.64/26 as in the seed;
// worker3 announces the covering 172.16.171.0/24, so SRV_1/SRV_2 are inside two prefixes and the longest match
// decides. ingress1 names its protocols bgp1..bgp3 like the seed (lbtop.yaml names the nodes by address); ingress2
// names them after the nodes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../../src/config/load.js';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { startHostShell, type HostShell } from '../../../src/lab/netns/host-shell.js';
import { NetnsLab } from '../../../src/lab/netns/lab.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { bgpNodeReader, type BgpNodeReader } from '../../../src/runtime/bgp-nodes-runtime.js';

export const WORKERS = { worker1: ['172.16.171.64/26'], worker2: ['172.16.189.64/26'], worker3: ['172.16.171.0/24'] } as const;
const INGRESS = { lb1: 'ingress1', lb2: 'ingress2' } as const;

/** Seed 004's pods (SRV_1…SRV_5), one pod inside worker3's /24 only, and servers outside every prefix. */
export const HAPROXY_CFG = `${LAB_HEAD}backend be_app
  server SRV_1 172.16.171.67:8080
  server SRV_2 172.16.171.68:8080
  server SRV_3 172.16.189.68:8080
  server SRV_4 172.16.189.69:8080
  server SRV_5 172.16.189.70:8080
  server SRV_6 172.16.171.10:8080
backend be_other
  server ext1 10.99.0.5:80
  server worker1 10.99.0.9:80
`;

export interface BgpLab {
  config(extra?: string): LbtopConfig;
  reader(config: LbtopConfig): BgpNodeReader;
  haproxy: Record<'lb1' | 'lb2', HaproxyProcess>;
  close(): Promise<void>;
}

function ingressConf(me: string, workers: Record<string, string>, named: boolean): string {
  const peers = Object.entries(workers).map(([w, addr], i) => `protocol bgp ${named ? w : `bgp${i + 1}`} {
  local ${me} as 65000; neighbor ${addr} as 65000; direct; connect retry time 1; error wait time 1, 2;
  ipv4 { import all; export none; };
}`);
  return `router id ${me};\nprotocol device { scan time 10; }\n${peers.join('\n')}\n`;
}

function workerConf(me: string, ingresses: string[], prefixes: readonly string[]): string {
  const peers = ingresses.map((addr, i) => `protocol bgp ingress${i + 1} {
  local ${me} as 65000; neighbor ${addr} as 65000; direct; connect retry time 1; error wait time 1, 2;
  ipv4 { import none; export where proto = "pods"; next hop self; };
}`);
  return `router id ${me};\nprotocol device { scan time 10; }\nprotocol static pods { ipv4; ${prefixes.map((p) => `route ${p} blackhole;`).join(' ')} }\n${peers.join('\n')}\n`;
}

export async function startBgpLab(): Promise<BgpLab> {
  const lab = NetnsLab.create({ hosts: [...Object.values(INGRESS), ...Object.keys(WORKERS)] });
  const shells: Record<string, HostShell> = {};
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bgp-nodes-'));
  const haproxy = {} as Record<'lb1' | 'lb2', HaproxyProcess>;
  const sock = (host: string) => path.join(lab.dir, host, 'bird.ctl');
  const close = async () => {
    for (const h of Object.values(haproxy)) await h.stop();
    for (const s of Object.values(shells)) s.close();
    lab.teardown();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const addr = (host: string) => lab.host(host).address;
    const workers = Object.fromEntries(Object.keys(WORKERS).map((w) => [w, addr(w)]));
    const ingresses = Object.values(INGRESS).map(addr);
    const confs: Record<string, string> = {
      ingress1: ingressConf(addr('ingress1'), workers, false),
      ingress2: ingressConf(addr('ingress2'), workers, true),
      ...Object.fromEntries(Object.entries(WORKERS).map(([w, prefixes]) => [w, workerConf(addr(w), ingresses, prefixes)])),
    };
    for (const [host, conf] of Object.entries(confs)) {
      mkdirSync(path.join(lab.dir, host), { recursive: true });
      writeFileSync(path.join(lab.dir, host, 'bird.conf'), conf);
      shells[host] = await startHostShell(lab, host);
      shells[host].spawn(['bird', '-f', '-c', path.join(lab.dir, host, 'bird.conf'), '-s', sock(host), '-P', path.join(lab.dir, host, 'bird.pid')]);
    }
    for (const lb of ['lb1', 'lb2'] as const) haproxy[lb] = await startHaproxy({ name: lb, dir, config: HAPROXY_CFG });
    const nodeNames = Object.entries(workers).map(([w, a]) => `${a}: ${w}`).join(', ');
    const config = (extra = '') => {
      const yaml = `${extra}bgp:\n  nodes: { ${nodeNames} }\nlbs:\n${(['lb1', 'lb2'] as const).map((lb) => `  ${lb}:\n    haproxy: { socket: ${haproxy[lb].socket} }\n    bird: { socket: ${sock(INGRESS[lb])} }\n`).join('')}`;
      const loaded = loadConfig(yaml);
      if (loaded.issues.length > 0) throw new Error(JSON.stringify(loaded.issues));
      return loaded.config!;
    };
    const reader = (c: LbtopConfig) => bgpNodeReader(c, (lb) => shells[INGRESS[lb.name as 'lb1' | 'lb2']]!.runner);
    // Every session up and every pod block learned on both ingresses (BGP OPEN, then the first UPDATE).
    const want = Object.values(WORKERS).flat().length;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const readings = await reader(config()).read();
      const counts = Object.values(readings).map((r) => r.reading?.routes.length ?? 0);
      if (counts.every((n) => n === want)) break;
      if (Date.now() > deadline) throw new Error(`BGP routes not learned: ${JSON.stringify(readings)}`);
      await sleep(250);
    }
    return { config, reader, haproxy, close };
  } catch (error) {
    await close();
    throw error;
  }
}
