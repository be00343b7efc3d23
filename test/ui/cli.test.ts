import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

describe('CLI view', () => {
  it('sends a raw command to the chosen LB, shows the reply, keeps history', async () => {
    const clock = { now: NOW };
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns: 120, rows: 40 });
    await app.press('5');
    await app.press('\x0e'); // Ctrl-N: next LB
    expect(app.frame()).toContain('lb-0> ▏');
    await app.type('show info');
    await app.press(KEYS.enter);
    expect(calls.raw).toEqual([{ lb: 'lb-0', command: 'show info' }]);
    // The reply is longer than the screen: the end is shown, PgUp scrolls back to the command.
    expect(app.frame()).toContain('Tainted: 0');
    expect(app.frame()).not.toContain('lb-0> show info');
    await app.press(KEYS.pgup, KEYS.pgup);
    expect(app.frame()).toContain('lb-0> show info');
    expect(app.frame()).toContain('Version: 2.6.12-1+deb12u4');
    expect(app.frame()).toMatch(/scrolled up \d+ lines/);
    await app.type('help');
    await app.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace);
    await app.press(KEYS.up);
    expect(app.frame()).toContain('lb-0> show info▏');
    await app.press(KEYS.down);
    expect(app.frame()).toContain('lb-0> ▏');
  });

  it('q and digits are typed, not taken as commands', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('5');
    await app.type('q1?');
    expect(app.frame()).toContain('homelab> q1?▏');
    expect(app.lines()[3]).not.toMatch(/NAME/);
  });

  it('in read-only mode only show/get/help are sent', async () => {
    const clock = { now: NOW };
    const { services, calls } = fakeServices({ store: demoStore(clock), clock, readOnly: true });
    const app = await renderApp(services);
    await app.press('5');
    expect(app.frame()).toContain('READ-ONLY: show, get and help only');
    await app.type('set server k8s-http-ingress/ingress1 state maint');
    await app.press(KEYS.enter);
    expect(calls.raw).toEqual([]);
    expect(app.frame()).toContain('READ-ONLY: only show, get and help commands are sent');
    await app.press('\x15'); // Ctrl-U clears the line
    await app.type('show info');
    await app.press(KEYS.enter);
    expect(calls.raw).toEqual([{ lb: 'homelab', command: 'show info' }]);
  });
});
