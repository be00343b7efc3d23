// The production-shaped lab (issue 13): HAProxy with checks on every server (production-config.ts), a flapper
// process toggling the flapping servers' listeners, and a traffic process sending a few requests per second to
// every tenth backend. Both are children of the harness, not of the tool, and are stopped by pid with the lab.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import type { Cleanup } from './cleanup.js';
import type { Lab } from './lab.js';
import { FLAP_SOCKETS, backendId, layoutOf, productionConfig, type ProductionLayout } from './production-config.js';

/** Requests per second to each trafficked backend. */
export const REQUESTS_PER_SECOND = 3;
/** The flapper's periods, one per flap socket: 10, 11.5, 13 and 14.5 s between toggles. */
const FLAP_PERIODS_MS = Array.from({ length: FLAP_SOCKETS }, (_, slot) => 10_000 + slot * 1_500);

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(here, '../..');

export interface ProductionLab extends Lab {
  layout: ProductionLayout;
  config: string;
  /** The flapper's and the traffic generator's pids: their CPU is reported apart from the tool's. */
  loadPids: { flapper: number; traffic: number };
  stop(): Promise<void>;
}

export async function startProductionLab(servers: number, cleanup?: Cleanup): Promise<ProductionLab> {
  const layout = layoutOf(servers);
  const config = productionConfig(servers);
  const base = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bench-prod-'));
  const name = `haproxy-${servers}`;
  const dir = path.join(base, name); // what startHaproxy substitutes for @DIR@
  mkdirSync(dir, { recursive: true });
  const stops: (() => Promise<void>)[] = [async () => rmSync(base, { recursive: true, force: true })];
  const stopAll = async () => {
    // Last started first; every step runs even if one before it failed.
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  const unregister = cleanup?.add(`production lab ${base}`, stopAll);
  try {
    const flapper = await startChild('flap', [dir, ...FLAP_PERIODS_MS.map(String)]);
    stops.push(flapper.stop);
    const haproxy: HaproxyProcess = await startHaproxy({ name, dir: base, config, startTimeoutMs: 30_000 });
    stops.push(() => haproxy.stop());
    // Through fe_http, routed by Host to each trafficked backend.
    const hosts = layout.trafficked.map((k) => `be_${backendId(k)}`);
    const traffic = await startChild('traffic', [String(REQUESTS_PER_SECOND), path.join(dir, 'fe-http.sock'), ...hosts]);
    stops.push(traffic.stop);
    const serverNames = new Set([...config.matchAll(/^\s*server (\S+)/gm)].map((m) => m[1]!));
    const proxyNames = [...config.matchAll(/^(?:frontend|backend|listen) (\S+)/gm)].map((m) => m[1]!);
    return {
      haproxy,
      servers,
      backends: layout.backends,
      serverNames,
      dataNames: new Set([...serverNames, ...proxyNames]),
      serverOrder: new Map([...serverNames].map((n, i) => [n, i])),
      lastServer: [...serverNames].at(-1) ?? '',
      layout,
      config,
      loadPids: { flapper: flapper.pid, traffic: traffic.pid },
      async stop() {
        await (unregister ? unregister() : stopAll());
      },
    };
  } catch (error) {
    await (unregister ? unregister() : stopAll());
    throw error;
  }
}

/** Spawns lab-load.ts in its own process and waits for its "ready"; stop() ends that pid (SIGKILL after 3 s). */
async function startChild(mode: string, args: string[]): Promise<{ pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'lab-load.ts'), mode, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the harness dies without stopping the lab, its children go with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    void exited.then(() => resolve(false));
  });
  if (!ready || child.pid === undefined) {
    await stop();
    throw new Error(`lab-load ${mode} did not start:\n${stderr}`);
  }
  return { pid: child.pid, stop };
}
