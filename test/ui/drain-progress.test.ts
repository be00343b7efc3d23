// The full-screen node drain progress on recorded HAProxy 2.6.12 snapshots: it opens after a confirmed node
// drain in place of that drain's report, follows sessions and queue to zero with elapsed time and timeout,
// offers maint, closes with Esc while the follow goes on (flash line), and P brings it back. The same view
// against real HAProxy over real sshd is in test/ui/fleet-tui.test.ts.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { planNode } from '../../src/actions/node-plan.js';
import type { NodeProgressUpdate } from '../../src/ui/services.js';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

const wait = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const clock = { now: NOW };
  const store = demoStore(clock);
  const { services, calls } = fakeServices({ store, clock });
  const listeners = new Set<(u: NodeProgressUpdate) => void>(); // the flash line and the view both listen
  services.planNode = (fleet, request) => planNode(fleet, request);
  services.nodeProgress = { subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)) };
  return { clock, services, calls, emit: (u: NodeProgressUpdate) => listeners.forEach((l) => l(u)) };
}

const rows = (a: [number, number], b: [number, number]) => [
  { lb: 'lb-0', backend: 'k8s-http-ingress', server: 'ingress1', scur: a[0], qcur: a[1] },
  { lb: 'lb-1', backend: 'k8s-http-ingress', server: 'ingress1', scur: b[0], qcur: b[1] },
];

describe('node drain progress view', () => {
  it('opens after the confirmed drain, follows to zero, offers maint, Esc closes, P reopens', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 150, rows: 30 });
    await app.press('P');
    expect(app.frame()).toContain('no node drain in this session yet');
    await app.press(':');
    await app.type('node ingress1');
    await app.press(KEYS.enter);
    t.clock.now += 1000;
    await app.press('y');
    expect(app.frame()).toContain('DONE: drain node ingress1'); // the report, until the follow-up starts
    const base = { node: 'ingress1', action: 'drain' as const, startedAt: t.clock.now, timeoutMs: 300_000 };
    t.emit({ ...base, finished: false, progress: { at: t.clock.now, rows: rows([3, 1], [2, 0]), left: 6, done: false } });
    t.clock.now += 12_000;
    t.emit({ ...base, finished: false, progress: { at: t.clock.now, rows: rows([1, 0], [0, 0]), left: 1, done: false } });
    await app.press('j');
    await wait(); // the report gives way to the view in an effect after the update's render
    let frame = app.frame();
    expect(frame).not.toContain('DONE: drain node ingress1');
    expect(frame).toContain('drain ingress1: 1 session(s)/queued left · elapsed 12s · timeout 5m00s · following…');
    expect(frame).toMatch(/lb-0\s+k8s-http-ingress\/ingress1\s+1\s+0\s+4\s+███·······/);
    expect(frame).toMatch(/lb-1\s+k8s-http-ingress\/ingress1\s+0\s+0\s+2\s+··········/);
    expect(frame).toMatch(/Esc\s*close/);
    await app.press('m');
    expect(app.frame()).toContain('PREVIEW: maint node ingress1'); // maint is offered at any time, preview first
    await app.press(KEYS.esc);
    expect(app.frame()).toContain('drain ingress1: 1 session(s)/queued left'); // back to the progress view

    await app.press(KEYS.esc); // close it: the follow goes on in the flash line
    expect(app.frame()).toContain('ingress1: the follow-up goes on here in the flash line; P shows it again');
    expect(app.frame()).toContain('1-STATUS');
    t.clock.now += 3000;
    t.emit({ ...base, finished: true, progress: { at: t.clock.now, rows: rows([0, 0], [0, 0]), left: 0, done: true } });
    await wait();
    await app.press('P');
    frame = app.frame();
    expect(frame).toContain('drain ingress1: DRAINED, no sessions or queue left · elapsed 15s · m puts it in maintenance');
    await app.press('m');
    expect(app.frame()).toContain('PREVIEW: maint node ingress1');
    t.clock.now += 1000;
    await app.press('y');
    expect(t.calls.apply.map((p) => p.node)).toEqual([{ name: 'ingress1', asked: 'ingress1', action: 'drain' }, { name: 'ingress1', asked: 'ingress1', action: 'maint' }]);
  });

  it('a timeout says how much is left; the view fits 60x12 and scrolls its rows', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 60, rows: 12 });
    const many = Array.from({ length: 20 }, (_, i) => ({ lb: `lb-${i}`, backend: 'be', server: 'n1', scur: i, qcur: 0 }));
    t.emit({ node: 'n1', action: 'drain', startedAt: NOW, timeoutMs: 10_000, finished: true, progress: { at: NOW + 10_000, rows: many, left: 190, done: false } });
    await app.press('j');
    await wait();
    expect(app.frame()).toContain('TIMEOUT, 190 session(s)/queued');
    expect(app.lines().length).toBeLessThanOrEqual(11);
    for (const line of app.lines()) expect([...line].length).toBeLessThanOrEqual(60);
    expect(app.frame()).toMatch(/lb-0 +be\/n1/);
    await app.press(KEYS.end);
    expect(app.frame()).toContain('lb-19');
    expect(app.frame()).not.toMatch(/lb-0 +be\/n1/);
    await app.press(KEYS.home);
    expect(app.frame()).toMatch(/lb-0 +be\/n1/);
  });
});
