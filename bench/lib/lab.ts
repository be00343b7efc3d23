// The HAProxy under test: a generated config of N servers, started from the lab helpers (src/lab), in a temp dir
// that is removed with it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateConfig } from '../../test/support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import type { Cleanup } from './cleanup.js';

/** Servers per backend: clusters of a few dozen nodes, the shape the issue describes (10 to 50). */
export const SERVERS_PER_BACKEND = 25;

export interface Lab {
  haproxy: HaproxyProcess;
  servers: number;
  backends: number;
  /** Every server name in the config, to recognise a screen that shows real data. */
  serverNames: Set<string>;
  /** Names that only a row of live data can show: servers, and frontends/backends (a first screen of
   *  frontend rows is real data too; with many generated frontends no server fits on it). */
  dataNames: Set<string>;
  /** Server name → its position in the config. */
  serverOrder: Map<string, number>;
  /** The last server of the config: a table that reaches its end shows it. */
  lastServer: string;
}

export async function startLab(servers: number, cleanup: Cleanup): Promise<Lab & { stop(): Promise<void> }> {
  const backends = Math.max(1, Math.round(servers / SERVERS_PER_BACKEND));
  // No health checks: HAProxy stays quiet, so the CPU we measure is the tool's, not check traffic's. Servers point
  // at loopback ports nothing listens on (see generate-config), and a tenth of them are in MAINT.
  const config = generateConfig({ servers, backends, checks: false });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bench-'));
  const removeDir = cleanup.add(`temp dir ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  let haproxy: HaproxyProcess;
  try {
    haproxy = await startHaproxy({ name: `haproxy-${servers}`, dir, config });
  } catch (error) {
    await removeDir();
    throw error;
  }
  const stopHaproxy = cleanup.add(`haproxy pid ${haproxy.pid}`, () => haproxy.stop());
  const serverNames = new Set([...config.matchAll(/^\s*server (\S+)/gm)].map((m) => m[1]!));
  const proxyNames = [...config.matchAll(/^(?:frontend|backend|listen) (\S+)/gm)].map((m) => m[1]!);
  const dataNames = new Set([...serverNames, ...proxyNames]);
  const serverOrder = new Map([...serverNames].map((name, i) => [name, i]));
  const lastServer = [...serverNames].at(-1) ?? '';
  return {
    haproxy,
    servers,
    backends,
    serverNames,
    dataNames,
    serverOrder,
    lastServer,
    async stop() {
      await stopHaproxy();
      await removeDir();
    },
  };
}
