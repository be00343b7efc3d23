// The TUI tells the pollers which backends are on screen (useReadFocus → FleetRuntime.focus), against a real
// HAProxy: the first poll reads proxies only; once the screen names its backends their servers are read, then
// every server at once; then the servers of the backend on screen are read every poll, and after End those of the
// last backend.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planServerAdmin, planServerWeight } from '../../src/actions/server-admin.js';
import { generateConfig } from '../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { loadConfig } from '../../src/config/index.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { buildFleet } from '../../src/store/selectors.js';
import { unixSocket } from '../../src/transport/local.js';
import type { AppServices } from '../../src/ui/services.js';
import { KEYS, renderApp } from './helpers.js';

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the screen focuses the polls', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  let runtime: FleetRuntime;
  const sent: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-readfocus-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 200, backends: 4, checks: false }) });
  });
  afterAll(async () => {
    cleanup();
    runtime?.stop();
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the servers of the backends on screen, and follows the window', async () => {
    const loaded = loadConfig(`interval: 0.5\nlbs:\n  lb:\n    haproxy: { socket: ${haproxy.socket} }\n`);
    const config = loaded.config!;
    runtime = createFleetRuntime(config, {
      // A lab of 200 servers is read whole on every poll by default (SMALL_STAT_ROWS): here the focus is tested.
      fullUpToRows: 0,
      clientFor: (lb) => {
        const client = new HaproxyClient(unixSocket(lb.haproxy.socket!));
        return { label: client.label, send: (c) => (sent.push(c), client.send(c)), close: () => client.close() };
      },
    });
    runtime.focus(new Set());
    runtime.start();
    const services: AppServices = {
      store: runtime.store, config, buildFleet, planServerAdmin, planServerWeight,
      apply: () => Promise.reject(new Error('not in this test')),
      rollback: () => Promise.reject(new Error('not in this test')),
      runRaw: () => Promise.reject(new Error('not in this test')),
      focus: runtime.focus,
      readOnly: true, version: 'test', now: Date.now,
    };
    const app = await renderApp(services, { columns: 140, rows: 30 });
    await until('every server read', () => sent.includes('show servers state'));
    const iid = (backend: string) => runtime.store.getState().lbs.get('lb')!.snapshot!.stats.find((r) => r.kind === 'backend' && r.proxy === backend)!.iid;
    // Proxies first, with the first two backends' servers; then, once the screen has named its backends (be_0001's
    // servers fill it), theirs; then everything at once (not an interval later); then the focused polls.
    const servers = (backend: string) => `show stat ${iid(backend)} 4 -1`;
    expect(sent.slice(0, 9)).toEqual(['show info', 'show stat -1 3 -1', servers('be_0001'), servers('be_0002'), 'show info', 'show stat -1 3 -1', servers('be_0001'), 'show info', 'show stat']);
    await until('the servers on screen', () => app.frame().includes('srv00001'));
    const afterFull = () => sent.slice(sent.indexOf('show servers state'));
    await until('a poll of be_0001\'s servers', () => afterFull().includes(`show stat ${iid('be_0001')} 4 -1`));
    expect(afterFull()).not.toContain(`show stat ${iid('be_0004')} 4 -1`);

    await app.press(KEYS.end);
    await until('a poll of be_0004\'s servers', () => afterFull().includes(`show stat ${iid('be_0004')} 4 -1`));
    expect(app.frame()).toContain('srv00200');
  });
});
