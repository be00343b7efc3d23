import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/keymap/bindings.js';
import { keysOf } from '../../src/keymap/resolve.js';
import { demoSnapshot, demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

const active = (frame: string) => frame.split('\n')[2]!;

describe('views', () => {
  const clock = { now: NOW };

  it('1–6 switch views with hatop numbering and each view has its columns', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    const header = () => app.lines()[3]!;
    expect(header()).toMatch(/^NAME\s+homelab\s+lb-0\s+lb-1\s+W\s+CHECK\s+SCUR\s+SMAX\s+SLIM\s+STOT\s+QCUR\s+QMAX\s+LASTCHG\s+DOWNTIME/);
    await app.press('2');
    expect(header()).toMatch(/W\s+RATE\s+RATE TREND\s+RMAX\s+SCUR\s+STOT\s+BIN\s+BOUT/);
    await app.press('3');
    expect(header()).toMatch(/W\s+RATE\s+RTOT\s+1xx\s+2xx\s+3xx\s+4xx\s+5xx\s+5XX\/S TREND$/); // ?xx: past 120 columns);
    await app.press('4');
    expect(header()).toMatch(/CHECK\s+EREQ\s+ECON\s+ERESP\s+RETR\s+REDIS\s+CF\s+CD\s+DREQ\s+DRESP\s+DOWN/);
    await app.press('5');
    expect(app.frame()).toContain('Runtime-API commands go to homelab');
    await app.press(KEYS.tab);
    expect(app.frame()).toMatch(/TIME\s+LB\s+KIND\s+SUBJECT\s+FROM\s+TO\s+DETAIL/);
    await app.press('1');
    expect(header()).toMatch(/SCUR/);
  });

  it('TAB and Shift-TAB cycle through the six views and wrap around', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    const signatures = [/RATE TREND\s+RMAX\s+SCUR/, /RTOT\s+1xx/, /EREQ\s+ECON/, /Runtime-API commands go to/, /TIME\s+LB\s+KIND/, /SCUR\s+SMAX/];
    for (const signature of signatures) {
      await app.press(KEYS.tab);
      expect(app.frame()).toMatch(signature);
    }
    expect(app.lines()[3]).toMatch(/SCUR\s+SMAX/); // back on STATUS
    await app.press(KEYS.shiftTab);
    expect(app.frame()).toMatch(/TIME\s+LB\s+KIND/);
    await app.press(KEYS.shiftTab);
    expect(app.frame()).toContain('Runtime-API commands go to');
  });

  it('Alt-n switches views from inside the CLI, where digits are typed', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('5', '4');
    expect(app.frame()).toContain('homelab> 4▏');
    await app.press('\x1b2');
    expect(app.lines()[3]).toMatch(/RATE TREND\s+RMAX/);
  });

  it('? shows help generated from the keymap; Esc goes back', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    // Tall enough for the whole help, which grows with every panel's keys (actions.test.ts's too).
    const app = await renderApp(services, { columns: 120, rows: 400 });
    await app.press('3', '?');
    const frame = app.frame();
    for (const command of COMMANDS) expect(frame, command.id).toContain(command.description);
    expect(frame).toContain(keysOf(COMMANDS.find((c) => c.id === 'server.weight.dec10')!));
    expect(frame).toMatch(/F5\s+Weight −10/);
    await app.press(KEYS.esc);
    expect(app.lines()[3]).toMatch(/RATE\s+RTOT\s+1xx/);
  });

  it('help scrolls in a small terminal', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns: 100, rows: 20 });
    await app.press('?');
    expect(app.frame()).not.toContain('Disabled by');
    const before = app.frame();
    await app.press('G');
    expect(app.frame()).not.toBe(before);
    expect(app.frame()).toContain('Close the report');
  });

  it('EVENTS lists state changes newest first', async () => {
    const clock = { now: NOW };
    const store = demoStore(clock);
    // The next recorded poll, with one server gone DOWN: the store turns the difference into an event.
    const next = demoSnapshot('homelab', 1, NOW + 1000);
    next.stats = next.stats.map((r) => (r.proxy === 'k3s-backend' && r.name === 'controlplane1' ? { ...r, status: 'DOWN', checkStatus: 'L4CON' } : r));
    store.recordSuccess('homelab', next);
    clock.now = NOW + 2000;
    store.recordFailure('lb-1', new Error('connect ECONNREFUSED'));
    const { services } = fakeServices({ store, clock });
    const app = await renderApp(services);
    await app.press('6');
    const rows = app.lines().slice(4).filter((l) => /^\d\d:\d\d:\d\d/.test(l));
    expect(rows[0]).toMatch(/lb-1\s+lb\s+—\s+reachable\s+unreachable\s+connect ECONNREFUSED/);
    expect(rows[1]).toMatch(/homelab\s+server-status\s+k3s-backend\/controlplane1\s+UP\s+DOWN\s+check L4CON/);
    expect(active(app.frame())).toContain('event 1/2');
    await app.press('/');
    await app.type('controlplane1');
    expect(active(app.frame())).toContain('event 1/1');
  });
});

describe('keys that cannot act here', () => {
  it('say where they would act', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('6', 'd');
    expect(app.frame()).toContain('d: drain the selected server (no new sessions) — in the fleet views (1–4)');
  });
});
