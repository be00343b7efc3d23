// The production benchmark's terminal columns: bytes a process writes to its pty (tmux pipe-pane) and frames
// (bursts of output after >= 30 ms of silence), counted on a real tmux pane.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFrames } from '../../bench/lib/measure-idle.js';
import { waitGone } from '../../bench/lib/proc.js';
import { Tmux } from '../../bench/lib/tmux.js';

describe('terminal output of a pane', () => {
  let tmux: Tmux;
  let dir: string;
  beforeAll(async () => {
    tmux = await Tmux.start(80, 24);
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bench-pty-test-'));
  });
  afterAll(() => {
    tmux?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts every byte written and one frame per burst', async () => {
    const file = path.join(dir, 'pane.out');
    // Two bursts 300 ms apart, after time to start the pipe.
    const script = 'sleep 0.5; printf "\\033[1;1Habc"; sleep 0.3; printf "defgh\\n"; sleep 1';
    const pane = await tmux.launch(['sh', '-c', script]);
    await tmux.pipeOutput(pane, file);
    const times = tmux.recordOutput(pane);
    await waitGone(pane.pid, 5000);
    await new Promise((r) => setTimeout(r, 200));
    tmux.stopRecording(pane);
    await tmux.stopPipe(pane);
    // ESC [ 1 ; 1 H a b c  d e f g h \n  (the pty turns \n into \r\n)
    expect(readFileSync(file).length).toBe(6 + 3 + 5 + 2);
    expect(countFrames(times)).toBe(2);
  });

  it('splits frames only at gaps of 30 ms or more', () => {
    expect(countFrames([])).toBe(0);
    expect(countFrames([0, 10, 29, 58.9])).toBe(1);
    expect(countFrames([0, 10, 40, 1000, 1001])).toBe(3);
  });
});
