// The TUI's first poll of an LB reads frontends and backends with the first two backends' servers, the rest
// after (one LB of 10,000 servers on screen in milliseconds). A fleet past NOTIFY_BATCH_LBS (seed 003: hundreds of LBs of 3 servers)
// reads whole LBs from the first poll: proxies first doubled the cold start's polls for no bytes saved.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { NOTIFY_BATCH_LBS } from '../../src/runtime/fleet-core.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';

const CONFIG = `${LAB_HEAD}backend api-backend
  server master1 127.0.0.1:1
  server master2 127.0.0.1:2
backend be-two
  server two1 127.0.0.1:3
backend be-three
  server three1 127.0.0.1:4
`;

describe('what the first poll reads', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  const runtimes: FleetRuntime[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-first-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: CONFIG });
  });
  afterAll(async () => {
    runtimes.forEach((r) => r.stop());
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Server rows in each LB's first snapshot, as the TUI starts it (a focus set before the first poll). */
  const firstPoll = async (size: number) => {
    const lbs = Array.from({ length: size }, (_, i) => ({ name: `k8s-${i + 1}`, haproxy: { socket: haproxy.socket, timeoutMs: 5000 } }));
    const runtime = createFleetRuntime({ lbs, clusters: [], intervalSec: 60, readOnly: false, theme: 'mono' });
    runtimes.push(runtime);
    runtime.focus(new Set());
    const first = new Map<string, number>();
    runtime.store.subscribe(() => {
      for (const [name, lb] of runtime.store.getState().lbs) {
        if (lb.snapshot && !first.has(name)) first.set(name, lb.snapshot.stats.filter((r) => r.kind === 'server').length);
      }
    });
    await runtime.refresh(undefined, { full: false });
    // The store may tell a big fleet once for several polls: every LB has been seen by now.
    await new Promise<void>((resolve) => (first.size === size ? resolve() : runtime.store.subscribe(() => first.size === size && resolve())));
    return [...first.values()];
  };

  it('a big fleet: every LB has its servers from the first poll', async () => {
    const servers = await firstPoll(NOTIFY_BATCH_LBS + 1);
    expect(servers).toEqual(Array(NOTIFY_BATCH_LBS + 1).fill(4));
  });

  it('a few LBs: the first poll is frontends and backends, with the servers of the first two backends only', async () => {
    expect(await firstPoll(2)).toEqual([3, 3]);
  });
});
