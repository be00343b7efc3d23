import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ENTER, LEAVE, enterFullScreen } from '../../src/ui/terminal.js';

/** The process boundary: a stdout that records writes and a process that records exits and listeners. */
function fakes(isTTY = true) {
  const writes: string[] = [];
  const stdout = { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
  const raw: boolean[] = [];
  const proc = Object.assign(new EventEmitter(), {
    exits: [] as number[],
    exit(code: number) {
      this.exits.push(code);
    },
    stdin: { isTTY: true, setRawMode: (on: boolean) => raw.push(on) },
  });
  const stderr = { text: '', write(s: string) { this.text += s; return true; } };
  return { writes, stdout, proc, raw, stderr };
}

describe('alternate screen', () => {
  it('enters on start and leaves exactly once however often restore is called', () => {
    const f = fakes();
    const guard = enterFullScreen(f.stdout, { proc: f.proc as never });
    expect(f.writes).toEqual([ENTER]);
    guard.restore();
    guard.restore();
    f.proc.emit('exit');
    expect(f.writes).toEqual([ENTER, LEAVE]);
    expect(f.raw).toEqual([true, false]);
    guard.dispose();
    expect(f.proc.listenerCount('SIGINT')).toBe(0);
  });

  it('restores on SIGTERM and SIGINT and exits with 128+signal', () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const f = fakes();
      enterFullScreen(f.stdout, { proc: f.proc as never });
      f.proc.emit(signal);
      expect(f.writes).toEqual([ENTER, LEAVE]);
      expect(f.proc.exits).toEqual([code]);
    }
  });

  it('restores before reporting a crash (uncaught exception, unhandled rejection)', () => {
    for (const event of ['uncaughtException', 'unhandledRejection']) {
      const f = fakes();
      enterFullScreen(f.stdout, { proc: f.proc as never, stderr: f.stderr as never });
      f.proc.emit(event, new Error('boom'));
      expect(f.writes).toEqual([ENTER, LEAVE]);
      expect(f.stderr.text).toMatch(/^lbtop crashed: Error: boom/);
      expect(f.proc.exits).toEqual([1]);
    }
  });

  it('lets the caller unmount on a signal instead of exiting', () => {
    const f = fakes();
    const codes: number[] = [];
    enterFullScreen(f.stdout, { proc: f.proc as never, onSignal: (c) => codes.push(c) });
    f.proc.emit('SIGTERM');
    expect(codes).toEqual([143]);
    expect(f.proc.exits).toEqual([]);
  });

  it('writes no escape codes when stdout is not a terminal', () => {
    const f = fakes(false);
    enterFullScreen(f.stdout, { proc: f.proc as never }).restore();
    expect(f.writes).toEqual([]);
  });
});
