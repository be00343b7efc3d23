import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

describe('full-screen layout', () => {
  it.each([
    [120, 30],
    [80, 24],
    [200, 60],
    [60, 12],
  ])('at %ix%i every frame of every view and dialog is at most rows−1 lines and no wider than the terminal', async (columns, rows) => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns, rows });
    const check = (what: string) => {
      const lines = app.lines();
      expect(lines.length, `${what}: height`).toBeLessThanOrEqual(rows - 1);
      for (const line of lines) expect([...line].length, `${what}: ${line}`).toBeLessThanOrEqual(columns);
    };
    check('status');
    for (const key of ['2', '3', '4', '5', '6', '0', KEYS.end, '?', KEYS.esc, '1', 'e', KEYS.end, '/', 'x', KEYS.esc, ':', 'k']) {
      await app.press(key);
      check(`after ${JSON.stringify(key)}`);
    }
    await app.press(KEYS.esc, ':');
    await app.type('k8s-http-ingress/ingress1');
    await app.press(KEYS.enter, 'd');
    check('preview');
    clock.now += 1000;
    await app.press('y');
    check('report');
  });

  it('re-lays out on resize, and stays one line short of the terminal', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns: 120, rows: 30 });
    expect(app.lines().length).toBe(29);
    Object.defineProperty(app.stdout, 'rows', { value: 15, configurable: true });
    Object.defineProperty(app.stdout, 'columns', { value: 90, configurable: true });
    app.stdout.emit('resize');
    await app.press('j');
    expect(app.lines().length).toBe(14);
    for (const line of app.lines()) expect([...line].length).toBeLessThanOrEqual(90);
  });

  it('says so when the terminal is too small to be useful', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns: 80, rows: 6 });
    expect(app.lines().length).toBeLessThanOrEqual(5);
    expect(app.frame()).toContain('needs a terminal of at least 8 rows');
  });
});
