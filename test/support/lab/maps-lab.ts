// Two (or more) real HAProxy LBs loaded with the seed-000-style lab config of fixtures/haproxy-routing (regex
// host ACLs, SNI ACLs, a map_dom hosts.map, a map_beg routes.map, two dev clusters), each in its own directory
// with its own copy of the maps, plus the MapsDeps lbtop uses on them (local files, local runner, master CLI).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAuditLog, type AuditLog } from '../../../src/actions/audit-log.js';
import type { AfterWrite } from '../../../src/actions/maps/types.js';
import type { MapsDeps } from '../../../src/actions/maps/deps.js';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { testHaproxyBin } from '../../../src/lab/haproxy-versions.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { localRunner } from '../../../src/transport/exec.js';
import { hostFiles } from '../../../src/transport/host-files.js';
import { unixSocket } from '../../../src/transport/local.js';

const fixtures = new URL('../../../fixtures/haproxy-routing/', import.meta.url);
export const HAPROXY_BIN = testHaproxyBin();

export interface MapsLab {
  root: string;
  lbs: Record<string, HaproxyProcess>;
  shared: string;
  /** The LB's map directory: `map('lb-a', 'hosts.map')`. */
  map(lb: string, file: string): string;
  deps: MapsDeps;
  audit: AuditLog;
  policy: Record<string, AfterWrite>;
  /** An HTTP request through a frontend's unix socket with curl; the body (the backend's name) or the status. */
  curl(lb: string, frontendSock: string, host: string, urlPath?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startMapsLab(names: string[], config = readFileSync(new URL('haproxy.cfg', fixtures), 'utf8')): Promise<MapsLab> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-edit-'));
  // `@SHARED@` in the config: one map directory loaded by every LB, so one plan covers them all.
  const shared = path.join(root, 'shared');
  mkdirSync(shared);
  for (const f of readdirSync(new URL('maps/', fixtures))) copyFileSync(new URL(`maps/${f}`, fixtures), path.join(shared, f));
  config = config.replaceAll('@SHARED@', shared);
  const lbs: Record<string, HaproxyProcess> = {};
  const clients = new Map<string, HaproxyClient>();
  const masters = new Map<string, HaproxyClient>();
  const policy: Record<string, AfterWrite> = {};
  try {
    await Promise.all(names.map(async (name) => {
      const maps = path.join(root, name, 'maps');
      mkdirSync(maps, { recursive: true });
      for (const f of readdirSync(new URL('maps/', fixtures))) copyFileSync(new URL(`maps/${f}`, fixtures), path.join(maps, f));
      lbs[name] = await startHaproxy({ name, dir: root, config });
      clients.set(name, new HaproxyClient(unixSocket(lbs[name].socket)));
      masters.set(name, new HaproxyClient(unixSocket(lbs[name].masterSocket)));
      policy[name] = { mode: 'none', configPath: lbs[name].configPath, bin: HAPROXY_BIN, via: 'master', service: 'haproxy' };
    }));
  } catch (error) {
    await Promise.all(Object.values(lbs).map((p) => p.stop()));
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const audit = openAuditLog(path.join(root, 'audit.jsonl'), 'test');
  const runner = localRunner();
  const files = hostFiles(runner);
  const deps: MapsDeps = {
    lbs: names,
    clients,
    audit,
    files: () => files,
    runner: () => runner,
    master: (lb) => masters.get(lb) ?? null,
    after: (lb) => policy[lb]!,
  };
  return {
    root,
    shared,
    lbs,
    map: (lb, file) => path.join(root, lb, 'maps', file),
    deps,
    audit,
    policy,
    async curl(lb, sock, host, urlPath = '/') {
      const result = await runner.run(['curl', '-s', '--max-time', '5', '--unix-socket', path.join(root, lb, sock), '-H', `Host: ${host}`, '-w', '\n%{http_code}', `http://x${urlPath}`]);
      const [body, code] = result.stdout.split('\n');
      return code === '200' ? body! : code!;
    },
    async close() {
      clients.forEach((c) => c.close());
      masters.forEach((c) => c.close());
      await Promise.all(Object.values(lbs).map((p) => p.stop()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
