// LB-DRIFT (0) is a list like the others: ↑/↓, PgUp/PgDn, Home/End move a cursor and the window follows it,
// at a small terminal too. 200 servers whose weight differs between lb-0 and lb-1 give 200+ drift lines.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { bigSnapshot, demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

function driftingServices() {
  const clock = { now: NOW };
  const store = demoStore(clock);
  store.recordSuccess('lb-0', bigSnapshot(200, NOW));
  const other = bigSnapshot(200, NOW);
  other.stats = other.stats.map((r) => (r.kind === 'server' ? { ...r, weight: 7 } : r));
  store.recordSuccess('lb-1', other);
  return fakeServices({ store, clock }).services;
}

describe('LB-DRIFT scrolling', () => {
  it('moves a cursor through every disagreement at 150x12, one line short of the terminal', async () => {
    const rows = 12;
    const columns = 150; // wide enough for the tab line to show the position after the tabs
    const app = await renderApp(driftingServices(), { columns, rows });
    await app.press('0');
    const check = () => {
      expect(app.lines().length).toBeLessThanOrEqual(rows - 1);
      for (const line of app.lines()) expect([...line].length).toBeLessThanOrEqual(columns);
    };
    check();
    const first = app.frame();
    expect(first).toMatch(/\d+ disagreement\(s\) between LBs/);
    const total = Number(/line 1\/(\d+)/.exec(first)?.[1]);
    expect(total).toBeGreaterThan(200); // 200 weight lines + a cluster heading
    expect(first).toContain('srv-00000 weight');
    expect(first).not.toContain('srv-00199');

    await app.press(KEYS.down, KEYS.down);
    expect(app.frame()).toContain(`line 3/${total}`);
    await app.press(KEYS.pgdn);
    check();
    const afterPage = Number(/line (\d+)\//.exec(app.frame())?.[1]);
    expect(afterPage).toBeGreaterThan(3);
    expect(app.frame()).not.toContain('srv-00000 weight'); // the window followed the cursor down
    await app.press(KEYS.end);
    check();
    expect(app.frame()).toContain(`line ${total}/${total}`);
    expect(app.frame()).toContain('srv-00199 weight: lb-0 10, lb-1 7');
    // The title stays on top while scrolled.
    expect(app.frame()).toMatch(/disagreement\(s\) between LBs/);
    await app.press(KEYS.pgup);
    expect(Number(/line (\d+)\//.exec(app.frame())?.[1])).toBeLessThan(total);
    await app.press(KEYS.home);
    expect(app.frame()).toContain(`line 1/${total}`);
    expect(app.frame()).toContain('srv-00000 weight');
    await app.press('k'); // up at the first line stays there
    expect(app.frame()).toContain(`line 1/${total}`);
  });

  it('at 60x12 too: End shows the last disagreement, Home the first, every frame fits', async () => {
    const app = await renderApp(driftingServices(), { columns: 60, rows: 12 });
    await app.press('0', KEYS.end);
    expect(app.lines().length).toBeLessThanOrEqual(11);
    for (const line of app.lines()) expect([...line].length).toBeLessThanOrEqual(60);
    expect(app.frame()).toContain('srv-00199 weight');
    expect(app.frame()).not.toContain('srv-00000 weight');
    await app.press(KEYS.home);
    expect(app.frame()).toContain('srv-00000 weight');
  });

  it('says "no drift" with an empty list, and the keys do nothing harmful', async () => {
    const clock = { now: NOW };
    const app = await renderApp(fakeServices({ store: demoStore(clock), clock }).services, { columns: 80, rows: 12 });
    await app.press('0', KEYS.down, KEYS.end, KEYS.pgup);
    expect(app.frame()).toMatch(/no drift|disagreement/);
    expect(app.lines().length).toBeLessThanOrEqual(11);
  });
});
