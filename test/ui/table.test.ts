import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { FleetStore } from '../../src/store/fleet-store.js';
import { bigSnapshot, demoConfig, demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

function bigStore(count: number, clock: { now: number }) {
  const store = new FleetStore([{ name: 'lb-0', endpoint: 'unix:/run/lb-0.sock' }], { now: () => clock.now });
  store.recordSuccess('lb-0', bigSnapshot(count, clock.now));
  return store;
}

describe('windowed table with 10,000 servers', () => {
  const clock = { now: NOW };
  const config = { ...demoConfig(), clusters: [] };

  it('End reaches the last server row; Home comes back; PgDn moves a page', async () => {
    const { services } = fakeServices({ store: bigStore(10_000, clock), config, clock });
    const app = await renderApp(services, { columns: 120, rows: 30 });
    // 1 cluster row + 100 backend rows + 10,000 server rows.
    expect(app.frame()).toContain('row 1/10101');
    expect(app.frame()).not.toContain('srv-09999');

    await app.press(KEYS.end);
    expect(app.frame()).toContain('row 10101/10101');
    expect(app.frame()).toContain('srv-09999');
    expect(app.lines().length).toBeLessThanOrEqual(29);

    await app.press(KEYS.home);
    expect(app.frame()).toContain('row 1/10101');
    await app.press(KEYS.endTilde);
    expect(app.frame()).toContain('srv-09999');
    await app.press('g', KEYS.pgdn);
    // Body = 29 − 3 header − 2 footer = 24 lines, one is the column header: a page is 22 rows (one overlaps).
    expect(app.frame()).toContain('row 23/10101');
    await app.press(KEYS.pgup, 'G');
    expect(app.frame()).toContain('row 10101/10101');
    await app.press('k', 'k', KEYS.up);
    expect(app.frame()).toContain('row 10098/10101');
  });

  it('renders only the visible rows', async () => {
    const { services } = fakeServices({ store: bigStore(10_000, clock), config, clock });
    const app = await renderApp(services, { columns: 120, rows: 30 });
    const serverLines = app.lines().filter((l) => /srv-\d{5}/.test(l));
    expect(serverLines.length).toBeGreaterThan(10);
    expect(serverLines.length).toBeLessThan(24);
  });
});

describe('filter and jump', () => {
  const clock = { now: NOW };

  it('/ narrows the rows incrementally, Enter keeps the filter, Esc clears it', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    expect(app.frame()).toContain('k3s-backend');
    await app.press('/');
    await app.type('worker3');
    expect(app.frame()).toContain('/worker3');
    expect(app.frame()).not.toContain('k3s-backend');
    expect(app.frame()).not.toContain('controlplane1');
    // Every worker3, with its backend and cluster kept for context.
    expect(app.lines().filter((l) => /^\s{4}worker3/.test(l)).length).toBe(2);
    expect(app.frame()).toContain('k8s_http_lb_backend');
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('filter: worker3');
    await app.press(KEYS.esc);
    expect(app.frame()).not.toContain('filter: worker3');
    expect(app.frame()).toContain('k3s-backend');
  });

  it('the filter matches states too: /down shows only DOWN servers', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('/');
    await app.type('down');
    const servers = app.lines().filter((l) => /^\s{4}\S/.test(l));
    expect(servers.length).toBeGreaterThan(0);
    for (const line of servers) expect(line).toMatch(/DOWN/);
  });

  it('a filter that matches nothing says so', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('/');
    await app.type('zzzz');
    expect(app.frame()).toContain('no row matches the filter (Esc clears it)');
  });

  it(': jumps to a server by name, with Tab completion', async () => {
    const { services } = fakeServices({ store: bigStore(2_000, clock), config: { ...demoConfig(), clusters: [] }, clock });
    const app = await renderApp(services);
    await app.press(':');
    await app.type('big-019/srv-0195');
    expect(app.frame()).toContain('big-019/srv-01950');
    await app.press(KEYS.tab);
    expect(app.frame()).toMatch(/:big-019\/srv-0195\d?▏/);
    await app.press(KEYS.enter);
    const selected = app.frame().match(/row (\d+)\/2021/);
    expect(selected).not.toBeNull();
    expect(Number(selected![1])).toBeGreaterThan(1900);
    expect(app.frame()).toContain('srv-01950');
  });

  it(': to an unknown name says so in the flash line', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press(':');
    await app.type('nosuch');
    expect(app.frame()).toContain('(no such name)');
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('no cluster, backend or server named "nosuch"');
  });

  it(': finds a row the filter hides, and clears the filter to show it', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    const all = /row \d+\/(\d+)/.exec(app.frame())![1]; // every row, before any filter
    await app.press('/');
    await app.type('ingress');
    await app.press(KEYS.enter, ':');
    await app.type('k3s-backend');
    await app.press(KEYS.enter);
    expect(app.frame()).not.toContain('filter: ingress');
    expect(app.frame()).toMatch(new RegExp(`row [1-9]\\d*/${all}\\b`));
  });
});
