// A fleet of hundreds of LBs lands hundreds of polls a second; past NOTIFY_BATCH_LBS the store tells its listeners
// (the TUI's render) at most once per NOTIFY_EVERY_MS: the first change at once, the rest together at the end of
// the window, so the newest state is always told. Smaller fleets hear of every poll as it lands.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import type { HaproxySnapshot } from '../../src/model/haproxy.js';
import { NOTIFY_BATCH_LBS } from '../../src/runtime/fleet-core.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { readSnapshot } from '../../src/sources/haproxy/read-snapshot.js';
import { unixSocket } from '../../src/transport/local.js';

const CONFIG = `${LAB_HEAD}backend api-backend
  server master1 127.0.0.1:1
`;

describe('how often the store tells its listeners', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  let snapshot: HaproxySnapshot;
  const runtimes: FleetRuntime[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-notify-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: CONFIG });
    const client = new HaproxyClient(unixSocket(haproxy.socket));
    snapshot = await readSnapshot(client);
    client.close();
  });
  afterAll(async () => {
    runtimes.forEach((r) => r.stop());
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const fleet = (size: number) => {
    const lbs = Array.from({ length: size }, (_, i) => ({ name: `k8s-${i + 1}`, haproxy: { socket: haproxy.socket, timeoutMs: 2000 } }));
    const runtime = createFleetRuntime({ lbs, clusters: [], intervalSec: 1, readOnly: false, theme: 'mono' });
    runtimes.push(runtime);
    let told = 0;
    runtime.store.subscribe(() => (told += 1));
    return { runtime, told: () => told, names: lbs.map((lb) => lb.name) };
  };

  it('tells a large fleet once for a burst of polls, then once more with the newest state', async () => {
    const { runtime, told, names } = fleet(NOTIFY_BATCH_LBS + 4);
    for (const name of names) runtime.store.recordSuccess(name, { ...snapshot, at: Date.now() });
    expect(told()).toBe(1); // the first poll at once, the other 19 wait for the window's end
    const revision = runtime.store.getState().revision;
    await new Promise<void>((resolve) => runtime.store.subscribe(resolve));
    expect(told()).toBe(2);
    // The second telling comes with every LB's poll in it.
    expect(runtime.store.getState().revision).toBe(revision);
    expect([...runtime.store.getState().lbs.values()].every((s) => s.health.ok)).toBe(true);
  });

  it('tells a small fleet of every poll as it lands', () => {
    const { runtime, told, names } = fleet(NOTIFY_BATCH_LBS);
    for (const name of names) runtime.store.recordSuccess(name, { ...snapshot, at: Date.now() });
    expect(told()).toBe(NOTIFY_BATCH_LBS);
  });
});
