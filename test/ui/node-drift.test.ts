// The TUI's fleet pieces on recorded HAProxy 2.6.12 snapshots: `:node NAME` and N preview a node drain over
// every backend and LB, 0 shows where LBs disagree (LB-DRIFT), S writes a snapshot, and the drain's progress
// reaches the flash line.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { planNode } from '../../src/actions/node-plan.js';
import type { DrainProgress } from '../../src/actions/node-wait.js';
import { SrvAdmin } from '../../src/model/haproxy.js';
import { demoSnapshot, demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

function setup() {
  const clock = { now: NOW };
  const store = demoStore(clock);
  const { services, calls } = fakeServices({ store, clock });
  const snapshots: string[] = [];
  // The flash line and the progress view both listen, as on nodeServices' real listener set.
  const listeners = new Set<(u: { node: string; progress: DrainProgress; finished: boolean }) => void>();
  services.planNode = (fleet, request) => planNode(fleet, request);
  services.snapshot = async () => {
    snapshots.push('written');
    return '/tmp/lbtop-snapshot-test.json';
  };
  services.nodeProgress = { subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)) };
  return { clock, store, services, calls, snapshots, progress: (u: { node: string; progress: DrainProgress; finished: boolean }) => listeners.forEach((l) => l(u)) };
}

describe('node drain in the TUI', () => {
  it(':node NAME previews every backend of every LB that has the node, then sends it as one node plan', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 150, rows: 40 });
    await app.press(':');
    await app.type('node ingress1');
    await app.press(KEYS.enter);
    const frame = app.frame();
    expect(frame).toContain('PREVIEW: drain node ingress1');
    expect(frame).toMatch(/\[lb-0\] set server k8s-http-ingress\/ingress1 state drain/);
    expect(frame).toMatch(/\[lb-1\] set server k8s-http-ingress\/ingress1 state drain/);
    t.clock.now += 1000;
    await app.press('y');
    expect(t.calls.apply).toHaveLength(1);
    expect(t.calls.apply[0]!.kind).toBe('node');
    expect(t.calls.apply[0]!.node).toEqual({ name: 'ingress1', asked: 'ingress1', action: 'drain' });
    // The demo's servers are unix sockets: no machine address, so the node is the servers named so, and it says so.
    expect(t.calls.apply[0]!.warnings[0]).toMatch(/"ingress1" has no machine address on any LB \(a unix socket\): the node is the 2 server\(s\) named so/);
    expect(new Set(t.calls.apply[0]!.commands.map((c) => c.lb))).toEqual(new Set(['lb-0', 'lb-1']));
  });

  it('N on a server row acts on its machine: a unix-socket row has none and says so; on a backend row it says why not; progress reaches the flash line', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 150, rows: 40 });
    await app.press(':');
    await app.type('k8s-http-ingress');
    await app.press(KEYS.enter, 'N');
    expect(app.frame()).toMatch(/select a server row first \(or type :node NODE\)/);
    await app.press(KEYS.down, 'N');
    expect(app.frame()).toContain('k8s-http-ingress/ingress1 has no machine address (unix socket, or none reported)');
    expect(app.frame()).not.toContain('PREVIEW');
    const row = { lb: 'lb-0', backend: 'k8s-http-ingress', server: 'ingress1' };
    t.progress({ node: 'ingress1', finished: false, progress: { at: NOW, rows: [{ ...row, scur: 3, qcur: 1 }], left: 4, done: false } });
    await app.press(KEYS.down); // any key lets the frame catch up
    expect(app.frame()).toContain('drain ingress1: 4 session(s)/queued left on 1 LB(s)');
    t.progress({ node: 'ingress1', finished: true, progress: { at: NOW, rows: [{ ...row, scur: 0, qcur: 0 }], left: 0, done: true } });
    await app.press(KEYS.up);
    expect(app.frame()).toContain('ingress1 drained: no sessions or queue left on 1 LB(s)');
  });
});

describe('LB-DRIFT view and snapshot key', () => {
  it('lists what lb-0 and lb-1 disagree on; S writes a snapshot', async () => {
    const t = setup();
    // lb-1 loses ingress3 and has ingress1 drained: what a half-finished change on a pair looks like.
    const snap = demoSnapshot('lb-1', 0, NOW);
    snap.stats = snap.stats.filter((r) => !(r.proxy === 'k8s-http-ingress' && r.name === 'ingress3'));
    const key = 'k8s-http-ingress/ingress1';
    snap.servers = new Map(snap.servers!).set(key, { ...snap.servers!.get(key)!, adminState: SrvAdmin.FDRAIN });
    t.store.recordSuccess('lb-1', snap);
    const app = await renderApp(t.services, { columns: 150, rows: 40 });
    await app.press('0');
    const frame = app.frame();
    expect(frame).toContain('0-LB-DRIFT');
    expect(frame).toMatch(/admin\s+k8s-http-ingress\/ingress1 admin: lb-0 ready, lb-1 drain/);
    expect(frame).toMatch(/missing\s+k8s-http-ingress\/ingress3 missing: lb-0 present, lb-1 \(absent\)/);
    await app.press('S');
    expect(t.snapshots).toEqual(['written']);
    expect(app.frame()).toContain('snapshot written: /tmp/lbtop-snapshot-test.json (+ .txt)');
  });
});
