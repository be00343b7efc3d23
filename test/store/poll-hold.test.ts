// runtime.hold(): while a write to the fleet is in flight the regular polls wait (at 500 LBs they starved it), and
// start once it settles, so the poll that follows reads the write's effect. A write that never settles holds them
// at most HOLD_MAX_MS: the screen does not go stale behind a hung LB. Real HAProxy, real polls.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';

const CONFIG = `${LAB_HEAD}backend api-backend
  server master1 127.0.0.1:1
`;

describe('polls held while a write is in flight', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  let runtime: FleetRuntime;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-hold-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: CONFIG });
    runtime = createFleetRuntime({ lbs: [{ name: 'lb1', haproxy: { socket: haproxy.socket, timeoutMs: 2000 } }], clusters: [], intervalSec: 1, readOnly: false, theme: 'mono' });
    await runtime.refresh();
  });
  afterAll(async () => {
    runtime.stop();
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const master1 = () => runtime.store.getState().lbs.get('lb1')!.snapshot!.stats.find((r) => r.proxy === 'api-backend' && r.name === 'master1')!.status;

  it('a poll asked for during the write starts after it, and reads what it wrote', async () => {
    let go = () => {};
    const order: string[] = [];
    const write = runtime.hold(
      (async () => {
        await new Promise<void>((resolve) => (go = resolve));
        await rawCommand(haproxy.socket, 'set server api-backend/master1 state drain');
        order.push('write');
      })(),
    );
    const refreshed = runtime.refresh().then(() => order.push('poll'));
    // Unheld, the poll of one local HAProxy is over in a few milliseconds: give it the chance to come first.
    await new Promise((resolve) => setTimeout(resolve, 500));
    go();
    await Promise.all([write, refreshed]);
    expect(order).toEqual(['write', 'poll']);
    expect(master1()).toBe('DRAIN');
    await rawCommand(haproxy.socket, 'set server api-backend/master1 state ready');
  });

  it('a write that never settles holds the polls only for a while', async () => {
    void runtime.hold(new Promise<never>(() => {}));
    await runtime.refresh(); // resolves: the hold gives way after HOLD_MAX_MS
    expect(master1()).not.toBe('DRAIN');
  }, 20_000);
});
