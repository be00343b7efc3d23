// The first frame drawn before Ink loads (src/ui/first-frame/) and Ink's own first frame, on the same store and
// terminal, parse into the same cells — text, colours and attributes — so that Ink taking over rewrites nothing.
// Run with the dark theme and chalk at full colour, as on an operator's terminal, at two sizes, read-only, and
// with the demo's first-key hint.
import chalk from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showFirstFrame } from '../../src/ui/first-frame/show.js';
import { runTui } from '../../src/ui/run.js';
import { demoStore, fakeServices, NOW, settle } from './helpers.js';
import { Keyboard, Tty } from './tty.js';

// eslint-disable-next-line no-control-regex -- SGR sequences, to compare the frames' text when they differ
const plainText = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '').split('\n');

async function bothFrames(size: { columns: number; rows: number }, options: { readOnly?: boolean; hint?: string } = {}) {
  const clock = { now: NOW };
  const { services: base } = fakeServices({ store: demoStore(clock), clock, readOnly: options.readOnly ?? false });
  const services = { ...base, config: { ...base.config, readOnly: options.readOnly ?? false }, ...(options.hint ? { hint: options.hint } : {}) };
  const tty = Object.assign(new Tty(), size);
  const stdin = new Keyboard();
  const opened = await showFirstFrame(services.config, services.store, { version: services.version, stdout: tty as never, stdin: stdin as never, env: {}, now: NOW, ...(options.hint ? { hint: options.hint } : {}) });
  expect(opened).not.toBeNull();
  const drawn = tty.out;
  // Ink's frames, as Ink hands them to the screen stream.
  const inkFrames: string[] = [];
  const write = opened!.screen.write.bind(opened!.screen);
  opened!.screen.write = ((data: string, ...rest: never[]) => (inkFrames.push(String(data)), write(data, ...rest))) as typeof write;
  const done = runTui(services, { opened: opened!, stdout: tty as never, stdin: stdin as never, stderr: new Tty() as never, env: {}, patchConsole: false });
  for (let i = 0; i < 400 && inkFrames.length === 0; i++) await settle();
  // The screen stream writes a few ms after Ink's render: what Ink's first frame changed on screen is out by then.
  for (let i = 0; i < 10; i++) await settle();
  const rewritten = tty.out.slice(drawn.length);
  stdin.press('q');
  expect(await done).toBe(0);
  return { drawn, inkFrame: inkFrames[0]!, rewritten };
}

describe('the first frame, before Ink', () => {
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = 3;
  });
  afterAll(() => {
    chalk.level = level;
  });

  for (const [name, size, options] of [
    ['200x50', { columns: 200, rows: 50 }, {}],
    ['80x24, read-only, with the demo hint', { columns: 80, rows: 24 }, { readOnly: true, hint: 'try: j/k to move, d to drain, ? for help' }],
  ] as const) {
    it(`is the frame Ink draws first, cell for cell (${name})`, async () => {
      const { drawn, inkFrame, rewritten } = await bothFrames(size, options);
      // The first frame has the data, in colour, and Ink's has the same lines.
      expect(drawn).toContain('k3s-backend');
      expect(drawn).toMatch(/\x1b\[38;2;/);
      expect(plainText(inkFrame).some((line) => line.includes('k3s-backend'))).toBe(true);
      if ('hint' in options) expect(drawn).toContain(options.hint);
      if ('readOnly' in options) expect(drawn).toContain('READ-ONLY');
      // Ink taking over changed no cell: nothing was written between the two.
      expect(JSON.stringify(rewritten)).toBe('""');
    });
  }
});
