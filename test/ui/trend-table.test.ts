// Sort (o/O), :find and the detail pane on a real HAProxy: real requests and real polls into the real store, the
// App in the UI harness. Sorting keeps servers under their backend; :find finds a server by address, name or
// hostname and jumps to it (clearing a filter that hid it); the pane shows the row's trends, LBs and changes.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { rawCommand, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { poller, requests, startTrendLab } from '../support/lab/trend-lab.js';
import { fakeServices, KEYS, renderApp, settle } from './helpers.js';

describe('sort, :find and the detail pane', () => {
  let dir: string;
  let lb: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-trend-ui-'));
    lb = await startTrendLab(dir);
  });
  afterAll(async () => {
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(view: 'status' | 'traffic' | 'http') {
    const clock = { now: Date.now() };
    const { config } = loadConfig(`lbs:\n  lab:\n    haproxy: { socket: ${lb.socket} }\n`);
    const store = new FleetStore([{ name: 'lab', endpoint: lb.socket }], { now: () => clock.now });
    const poll = poller(lb);
    const record = async () => {
      const snapshot = await poll.read();
      clock.now = snapshot.at;
      store.recordSuccess('lab', snapshot);
      await settle();
    };
    await record();
    const { services } = fakeServices({ store, config: config!, clock });
    const app = await renderApp(services, { columns: 160, rows: 40 }, view);
    const names = () => app.lines().slice(4).map((l) => l.trim().split(/\s+/)[0]!);
    const header = () => app.lines()[3]!;
    /** `o` until the header shows `marker` (at most once round the columns). */
    const sortBy = async (marker: string) => {
      for (let i = 0; i < 20 && !header().includes(marker); i++) await app.press('o');
      expect(header()).toContain(marker);
    };
    return { app, record, names, header, sortBy, close: () => (app.unmount(), poll.close()) };
  }

  it('o sorts by the next column, O reverses; servers stay under their backend, stable among equals', async () => {
    const t = await open('traffic');
    await requests(lb, '/', 4);
    await requests(lb, '/bad', 2);
    await t.record();
    const configured = t.names();
    expect(configured.indexOf('be_ok')).toBeLessThan(configured.indexOf('be_bad'));
    expect(configured.indexOf('be_bad')).toBeLessThan(configured.indexOf('be_nodes'));

    await t.sortBy('STOT▼');
    expect(t.app.frame()).toContain('sorted by STOT highest first');
    await t.app.press('O');
    expect(t.header()).toContain('STOT▲');
    const up = t.names();
    // Lowest first: be_nodes (no sessions), be_bad (2), be_ok (4, and more from the other test's requests).
    expect(up.indexOf('be_nodes')).toBeLessThan(up.indexOf('be_bad'));
    expect(up.indexOf('be_bad')).toBeLessThan(up.indexOf('be_ok'));
    expect(up[up.indexOf('be_ok') + 1]).toBe('ok1');
    expect(up[up.indexOf('be_bad') + 1]).toBe('bad1');
    // Frontends among frontends, lowest first.
    expect(up.indexOf('bad_srv')).toBeLessThan(up.indexOf('ok_srv'));
    expect(up.indexOf('ok_srv')).toBeLessThan(up.indexOf('fe_web'));
    // be_nodes' servers all have 0 sessions: they keep their configured order, under be_nodes.
    expect(up.slice(up.indexOf('be_nodes') + 1, up.indexOf('be_nodes') + 4)).toEqual(['node-a', 'node-b', 'slot']);

    // Round past the last column: the configured order, no arrow; then W, highest weight first.
    await t.sortBy('W▼');
    const byWeight = t.names();
    expect(byWeight.slice(byWeight.indexOf('be_nodes') + 1, byWeight.indexOf('be_nodes') + 4)).toEqual(['node-b', 'node-a', 'slot']);
    t.close();
  });

  it(':find by address, name or hostname lists the matches and jumps; Enter opens the detail pane, Esc closes it', async () => {
    const t = await open('http');
    await requests(lb, '/bad', 3);
    await t.record();
    await t.record();

    // A filter hides be_nodes: :find jumps there anyway and the filter goes.
    await t.app.press('/');
    await t.app.type('be_ok');
    await t.app.press(KEYS.enter);
    expect(t.names()).not.toContain('node-b');
    await t.app.press(':');
    await t.app.type('find 127.0.64.1');
    expect(t.app.frame()).toContain('[1/2] > lab be_nodes/node-a 127.0.64.11:9100 <');
    await t.app.press(KEYS.tab);
    expect(t.app.frame()).toContain('[2/2] > lab be_nodes/node-b 127.0.64.12:9100 <');
    await t.app.press(KEYS.enter);
    expect(t.names()).toContain('node-b');
    await t.app.press(KEYS.enter);
    expect(t.app.frame()).toContain('be_nodes/node-b (server)');
    expect(t.app.frame()).toMatch(/lab\s+no check.*127\.0\.64\.12:9100/);
    await t.app.press(KEYS.esc);
    expect(t.app.frame()).not.toContain('be_nodes/node-b (server)');

    // By hostname: the server addressed by `localhost`.
    await t.app.press(':');
    await t.app.type('find localhost');
    expect(t.app.frame()).toMatch(/\[1\/1\] > lab be_nodes\/slot \S+ localhost </);
    await t.app.press(KEYS.enter);
    await t.app.press(KEYS.enter);
    expect(t.app.frame()).toContain('be_nodes/slot (server)');
    await t.app.press(KEYS.esc);

    // The detail pane of the server that answered 500: its 5xx trend, and its state changes from the timeline.
    await t.app.press(':');
    await t.app.type('find bad1');
    await t.app.press(KEYS.enter);
    await rawCommand(lb.socket, 'set server be_bad/bad1 state maint');
    await t.record();
    await t.app.press(KEYS.enter);
    const pane = t.app.lines().join('\n');
    expect(pane).toContain('be_bad/bad1 (server)');
    expect(pane).toMatch(/5XX\/s\s+\S*█\S*\s+min 0\s+max [\d.]+\s+last 0/);
    expect(pane).toMatch(/SESS\/s .*min \d+\s+max \d+\s+last \d+\s+\(\d+ polls\)/);
    expect(pane).toMatch(/QUEUE\s+.*min 0\s+max 0\s+last 0/);
    expect(pane).toMatch(/lab\s+MAINT/);
    expect(pane).toMatch(/lab\s+(server-status|admin): .*MAINT/);
    // The footer advertises the pane's keys; j moves the table's selection and the pane follows it.
    expect(t.app.lines().at(-1)).toContain('close');
    await t.app.press('j');
    expect(t.app.frame()).not.toContain('be_bad/bad1 (server)');
    await rawCommand(lb.socket, 'set server be_bad/bad1 state ready');
    t.close();
  });
});
