// The passphrase dialog in the TUI, driven by the real PassphrasePrompts the SSH pool asks through: masked
// input, Enter answers, Esc refuses, hosts on one key share one dialog, and the rest of lbtop keeps updating.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PassphrasePrompts } from '../../src/cli/passphrase/prompts.js';
import { demoSnapshot, demoStore, fakeServices, KEYS, NOW, renderApp, settle } from './helpers.js';

afterEach(() => cleanup());

function setup() {
  const clock = { now: NOW };
  const store = demoStore(clock);
  const { services } = fakeServices({ store, clock });
  const prompts = new PassphrasePrompts();
  services.passphrase = prompts;
  return { clock, store, services, prompts };
}

describe('SSH key passphrase dialog', () => {
  it('masks what is typed, hands it over on Enter and forgets it; q and digits are text here', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 120, rows: 30 });
    const answer = t.prompts.ask('/home/ops/.ssh/lb_ed25519', 'ssh lb-0');
    await app.press('x'); // lets the frame catch up with the request
    expect(app.frame()).toContain('SSH KEY PASSPHRASE for ssh lb-0');
    expect(app.frame()).toContain('key: /home/ops/.ssh/lb_ed25519');
    await app.press(KEYS.backspace); // the x again
    await app.type('q1 secret');
    expect(app.frame()).toContain('passphrase: •••••••••');
    expect(app.frame()).not.toMatch(/secret|q1/);
    expect(app.frame()).toMatch(/Enter.*unlock/);
    await app.press(KEYS.enter);
    expect(await answer).toBe('q1 secret');
    expect(app.frame()).not.toContain('SSH KEY PASSPHRASE');
    expect(app.frame()).toContain('1-STATUS'); // still running: q went into the passphrase, not to quit
    expect(app.frame()).not.toContain('secret');
  });

  it('Esc refuses (the key is skipped) and says so', async () => {
    const t = setup();
    const app = await renderApp(t.services);
    const answer = t.prompts.ask('/keys/enc', 'ssh lb-1');
    await app.press('a', 'b');
    await app.press(KEYS.esc);
    expect(await answer).toBeNull();
    expect(app.frame()).toContain('passphrase refused: /keys/enc is skipped for this run');
  });

  it('hosts using one key share one dialog; a second try says the first was wrong; other LBs keep updating', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 150, rows: 30 });
    const a = t.prompts.ask('/keys/shared', 'ssh lb-0');
    const b = t.prompts.ask('/keys/shared', 'ssh lb-1');
    await settle(); // the dialog is on screen before the operator types
    await app.type('pw');
    expect(app.frame()).toContain('SSH KEY PASSPHRASE for ssh lb-0, ssh lb-1');
    // A poll of another LB lands while the dialog is open: the header shows it.
    t.clock.now += 2000;
    t.store.recordSuccess('homelab', { ...demoSnapshot('homelab', 0, t.clock.now), latencyMs: 77 });
    await app.press(KEYS.enter);
    expect([await a, await b]).toEqual(['pw', 'pw']);
    expect(app.frame()).toContain('homelab ok 2.6.12 80ms');
    const again = t.prompts.ask('/keys/shared', 'ssh lb-0');
    await settle();
    await app.press('z');
    expect(app.frame()).toContain('wrong passphrase, try again (2/3)');
    expect(app.frame()).toContain('passphrase: •');
    await app.press(KEYS.enter);
    expect(await again).toBe('z');
  });

  it('fits a 60x12 terminal, and close() refuses what is still pending', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 60, rows: 12 });
    const pending = t.prompts.ask('/a/very/long/path/to/some/identity/file/that/does/not/fit/id_ed25519', 'ssh lb-0 via bastion');
    await app.type('0123456789012345678901234567890123456789012345678901234567890123456789');
    expect(app.lines().length).toBeLessThanOrEqual(11);
    for (const line of app.lines()) expect([...line].length).toBeLessThanOrEqual(60);
    t.prompts.close();
    expect(await pending).toBeNull();
    expect(await t.prompts.ask('/keys/other')).toBeNull();
  });
});
