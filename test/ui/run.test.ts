import { describe, expect, it } from 'vitest';
import { runTui } from '../../src/ui/run.js';
import { ENTER, LEAVE } from '../../src/ui/terminal.js';
import { demoStore, fakeServices, NOW, settle } from './helpers.js';
import { Keyboard, Tty } from './tty.js';

/** Until the terminal has been sent `text` (the screen stream writes a few ms after Ink renders). */
async function written(tty: Tty, text: string): Promise<void> {
  for (let i = 0; i < 400 && !tty.out.includes(text); i++) await settle();
}

describe('runTui', () => {
  it('takes the alternate screen, renders, and on q restores the terminal and resolves 0', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const stdout = new Tty();
    const stdin = new Keyboard();
    const stderr = new Tty();
    const listeners = () => ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));
    const done = runTui(services, { stdout: stdout as never, stdin: stdin as never, stderr: stderr as never, env: { NO_COLOR: '1' }, patchConsole: false });
    await written(stdout, 'k3s-backend');
    expect(stdout.out.startsWith(ENTER)).toBe(true);
    stdin.press('q');
    const code = await done;
    expect(code).toBe(0);
    expect(stdout.out).toContain('k3s-backend');
    expect(stdout.out.endsWith(LEAVE)).toBe(true);
    expect(stdout.out.indexOf(LEAVE)).toBe(stdout.out.length - LEAVE.length);
    expect(stdin.raw.at(-1)).toBe(false);
    // Ink's signal-exit keeps its own handlers once loaded; ours must be gone, so a second run adds none.
    const after = listeners();
    const again = runTui(services, { stdout: new Tty() as never, stdin: stdin as never, stderr: stderr as never, env: { NO_COLOR: '1' }, patchConsole: false });
    await settle();
    stdin.press('q');
    expect(await again).toBe(0);
    expect(listeners()).toEqual(after);
  });

  it('keeps stray console output off the screen and writes it to stderr once the terminal is restored', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const stdout = new Tty();
    const stderr = new Tty();
    const stdin = new Keyboard();
    const log = console.log;
    const done = runTui(services, { stdout: stdout as never, stdin: stdin as never, stderr: stderr as never, env: { NO_COLOR: '1' } });
    await settle();
    console.log('a library says %s', 'hello');
    await settle();
    expect(stderr.out).toBe('');
    stdin.press('q');
    expect(await done).toBe(0);
    expect(stdout.out).not.toContain('a library says');
    expect(stderr.out).toBe('a library says hello\n');
    expect(console.log).toBe(log);
  });

  it('reports a broken theme in the flash line instead of failing to start', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const stdout = new Tty();
    const stdin = new Keyboard();
    const done = runTui(services, { stdout: stdout as never, stdin: stdin as never, stderr: new Tty() as never, theme: 'nosuch', env: {}, patchConsole: false });
    await written(stdout, 'no such theme file');
    stdin.press('q');
    expect(await done).toBe(0);
    expect(stdout.out).toContain('no such theme file');
  });
});
