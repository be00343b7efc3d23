// A key that cannot act now says why in the footer instead of acting: the reason a handler returns (the CLI's
// empty line, a raw write in read-only mode, a snapshot with nowhere to write it) lands in the flash line, the
// footer's first line, and nothing is sent.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from '../helpers.js';

afterEach(() => cleanup());

/** The footer is the frame's last two lines: the flash line, then the key hints. */
const flashLine = (lines: string[]) => lines.at(-2) ?? '';

describe('a handler that cannot act returns why, and the footer shows it', () => {
  const clock = { now: NOW };

  it('Enter on an empty CLI line: the footer says what to type, nothing is sent', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('5');
    expect(flashLine(app.lines())).not.toContain('type a runtime-API command first');
    await app.press(KEYS.enter);
    expect(flashLine(app.lines())).toContain('type a runtime-API command first (e.g. show info)');
    expect(calls.raw).toEqual([]);
  });

  it('read-only: a raw write typed in the CLI is refused in the footer and never sent', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock, readOnly: true });
    const app = await renderApp(services);
    await app.press('5');
    await app.type('disable server be_app/web1');
    await app.press(KEYS.enter);
    expect(flashLine(app.lines())).toContain('READ-ONLY: only show, get and help commands are sent');
    expect(calls.raw).toEqual([]);
    // A read goes through: the refusal was about the command, not the key.
    await app.press('\x15'); // Ctrl-U clears the line
    await app.type('show info');
    await app.press(KEYS.enter);
    expect(calls.raw.map((c) => c.command)).toEqual(['show info']);
  });

  it('S with no snapshot writer: the footer says so', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('S');
    expect(flashLine(app.lines())).toContain('snapshots are not available here');
    expect(app.lines()[3]).toMatch(/SCUR/);
  });
});
