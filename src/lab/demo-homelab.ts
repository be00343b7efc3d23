// What the demo lab adds around its HAProxy processes so every MAPS/DRIFT/CERTS/TRACE view has something real on it:
//   - the homelab LB's files before it starts: seed 000's hosts.map and routes.map as the post writes them
//     (fixtures/seeds/000/maps), and its TLS certificates (demo-certs.ts);
//   - after start, two changes made at runtime only, as an operator in a hurry makes them: a host added to
//     hosts.map live but never written to the file, and one server's weight lowered on lb-1 alone. A reload would
//     revert both (8-DRIFT: runtime vs disk), and the seed-002 pair now disagrees on a weight (0-LB-DRIFT);
//   - a node that boots late: its checks fail at first and pass a few seconds later, after lbtop's first poll,
//     so 6-EVENTS has a state change to show however fast the machine (the servers down from the start are
//     down before the first poll, and make none).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../package-root.js';
import { startBackendServers, type BackendServers } from './backend-servers.js';
import { makeDemoCerts } from './demo-certs.js';
import { rawCommand, type HaproxyProcess } from './haproxy-process.js';

const SEED_MAPS = packagePath('fixtures', 'seeds', '000', 'maps');

/** Writes `${lbDir}/maps/*.map` (the seed's) and `${lbDir}/certs/*.pem` before the homelab HAProxy loads them. */
export async function prepareHomelabFiles(lbDir: string): Promise<void> {
  const maps = path.join(lbDir, 'maps');
  mkdirSync(maps, { recursive: true });
  for (const file of readdirSync(SEED_MAPS)) copyFileSync(path.join(SEED_MAPS, file), path.join(maps, file));
  await makeDemoCerts(path.join(lbDir, 'certs'), path.join(lbDir, 'pki'));
}

/** The runtime-only changes, per LB name: runtime-API commands with `@DIR@` for that LB's directory. */
export const DEMO_DRIFT: Readonly<Record<string, readonly string[]>> = {
  homelab: ['add map @DIR@/maps/hosts.map whoami.k8s01.example.net https_k8s01_backend'],
  'lb-1': ['set weight k8s-http-ingress/ingress2 5'],
};

export async function applyDemoDrift(haproxies: readonly HaproxyProcess[]): Promise<void> {
  for (const h of haproxies) {
    for (const command of DEMO_DRIFT[h.name] ?? []) {
      const reply = await rawCommand(h.socket, command.replaceAll('@DIR@', h.dir));
      // Both commands answer an empty line when they worked; anything else means the lab is not what it claims.
      if (reply.trim() !== '') throw new Error(`${h.name}: ${command}: ${reply.trim()}`);
    }
  }
}

/** Starts the named lab nodes after `afterMs`; `stop()` cancels the start or stops them. */
export function bootLate(dir: string, names: string[], afterMs: number, delayMs: number): { stop(): Promise<void> } {
  let started: Promise<BackendServers | null> | null = null;
  const timer = setTimeout(() => {
    started = startBackendServers(dir, names, delayMs).catch(() => null); // a lab being removed meanwhile
  }, afterMs);
  timer.unref();
  return {
    async stop() {
      clearTimeout(timer);
      await (await started)?.stop();
    },
  };
}
