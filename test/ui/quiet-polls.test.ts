// A poll that changes nothing on screen draws nothing (src/store/visible-change.ts); one that changes a row does,
// and an age counting seconds keeps counting. Real recorded rows (HAProxy 2.6.12), the real store and App.
import { describe, expect, it } from 'vitest';
import type { HaproxySnapshot } from '../../src/model/haproxy.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { demoConfig, demoSnapshot, fakeServices, NOW, renderApp, settle, tick } from './helpers.js';

function oneLb(snapshot: HaproxySnapshot, clock: { now: number }) {
  const store = new FleetStore([{ name: 'lb-0', endpoint: 'unix:/run/lb-0.sock' }], { now: () => clock.now });
  store.recordSuccess('lb-0', snapshot);
  return store;
}

const config = { ...demoConfig(), clusters: [] };

/** The screen line of a server row. */
const lineOf = (app: Awaited<ReturnType<typeof renderApp>>, name: string) => app.lines().find((l) => l.includes(` ${name} `) || l.trimStart().startsWith(name)) ?? '';

/** Every row's ages set to these seconds (where the row has them). */
function ageAll(snapshot: HaproxySnapshot, lastchg: number, downtime: number): void {
  for (const row of snapshot.stats) {
    if (row.lastchg !== null) row.lastchg = lastchg;
    if (row.downtime !== null) row.downtime = downtime;
  }
}

/** A poll that re-used every row: the same row objects (their ages refreshed in place, as the parser does). */
async function quietPoll(store: FleetStore, snapshot: HaproxySnapshot, clock: { now: number }, latencyMs = snapshot.latencyMs) {
  clock.now += 1000;
  store.recordSuccess('lb-0', { ...snapshot, stats: snapshot.stats.slice(), at: clock.now, latencyMs });
  await tick();
  await settle();
}

describe('quiet polls', () => {
  it('an idle poll (same rows, latency jitter) draws no frame; a changed row does', async () => {
    const clock = { now: NOW };
    const snapshot = demoSnapshot('lb-0', 0);
    // Ages past a minute count minutes ("1h05m"): nothing on screen counts seconds.
    ageAll(snapshot, 3900, 3900);
    const store = oneLb(snapshot, clock);
    const app = await renderApp(fakeServices({ store, config, clock }).services);
    const drawn = app.frames.length;
    for (let i = 1; i <= 3; i++) await quietPoll(store, snapshot, clock, 3 + (i % 2));
    expect(app.frames.length).toBe(drawn);
    const server = snapshot.stats.findIndex((r) => r.kind === 'server');
    const stats = snapshot.stats.slice();
    stats[server] = { ...stats[server]!, scur: 4242 };
    store.recordSuccess('lb-0', { ...snapshot, stats, at: clock.now + 1000 });
    await tick();
    await settle();
    expect(app.frames.length).toBeGreaterThan(drawn);
    expect(app.frame()).toContain('4242');
  });

  it('an age past a minute is drawn again when its minute turns, and only then', async () => {
    const clock = { now: NOW };
    const snapshot = demoSnapshot('lb-0', 0);
    ageAll(snapshot, 7200, 0);
    const server = snapshot.stats.find((r) => r.kind === 'server')!;
    server.lastchg = 3957;
    const store = oneLb(snapshot, clock);
    const app = await renderApp(fakeServices({ store, config, clock }).services);
    expect(lineOf(app, server.name)).toContain('1h05m');
    const poll = (lastchg: number) => {
      server.lastchg = lastchg;
      return quietPoll(store, snapshot, clock);
    };
    const drawn = app.frames.length;
    await poll(3958);
    await poll(3959);
    expect(app.frames.length).toBe(drawn);
    await poll(3960);
    expect(app.frames.length).toBeGreaterThan(drawn);
    expect(lineOf(app, server.name)).toContain('1h06m');
    // Under an hour alike: "5m" from 300 s to 359 s.
    await poll(300);
    expect(lineOf(app, server.name)).toContain('5m ');
    const again = app.frames.length;
    await poll(301);
    await poll(359);
    expect(app.frames.length).toBe(again);
    await poll(360);
    expect(lineOf(app, server.name)).toContain('6m ');
  });

  it('while an age under a minute is on screen, every poll is drawn: LASTCHG keeps counting', async () => {
    const clock = { now: NOW };
    const snapshot = demoSnapshot('lb-0', 0);
    const server = snapshot.stats.find((r) => r.kind === 'server')!;
    server.lastchg = 41;
    const store = oneLb(snapshot, clock);
    const { services } = fakeServices({ store, config, clock });
    // The App builds the fleet on every render of a new store revision: counted, it tells whether the App rendered.
    let appRenders = 0;
    const build = services.buildFleet;
    const app = await renderApp({ ...services, buildFleet: (c, l) => (appRenders++, build(c, l)) });
    expect(lineOf(app, server.name)).toContain('41s');
    // The parser refreshes the age of a re-used row in place; the row object (and so the data) is unchanged.
    const before = { frames: app.frames.length, appRenders };
    server.lastchg = 42;
    await quietPoll(store, snapshot, clock);
    expect(lineOf(app, server.name)).toContain('42s');
    expect(app.frames.length).toBeGreaterThan(before.frames);
    // Only the table was drawn again (useAgeTicks.ts): the App around it did not render.
    expect(appRenders).toBe(before.appRenders);
    // A poll that changes a row still renders the App.
    const stats = snapshot.stats.slice();
    const at = stats.indexOf(server);
    stats[at] = { ...server, scur: 4242 };
    store.recordSuccess('lb-0', { ...snapshot, stats, at: clock.now + 1000 });
    await tick();
    await settle();
    expect(appRenders).toBeGreaterThan(before.appRenders);
  });
});
