// The sparklines in a real terminal (tmux, the built lbtop, a real HAProxy polled every second): an idle TRAFFIC
// screen writes nothing between polls (blank sparklines stay blank); requests through the HAProxy make the
// server's sparkline cell move, and after the traffic a spike walking left writes that cell, not its line.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { requests, startTrendLab } from '../support/lab/trend-lab.js';
import { BIN, ensureFreshBuild } from './fresh-build.js';
import { tmuxTerminal, wait } from './tmux.js';

const term = tmuxTerminal(`lbtop-trends-${process.pid}`, 'e2e');
const { tmux, pane } = term;
const SPARK = /[▁▂▃▄▅▆▇█]/;

describe('sparklines in a real terminal', () => {
  let dir: string;
  let lb: HaproxyProcess;
  let out: string;
  const size = () => statSync(out).size;
  const since = (from: number) => readFileSync(out).subarray(from).toString('utf8');
  /** The TRAFFIC view's RATE TREND cell on ok1's line, as the terminal shows it. */
  const okTrend = () => {
    const lines = pane().split('\n');
    const at = lines.find((l) => l.startsWith('NAME'))!.indexOf('RATE TREND');
    return (lines.find((l) => /^\s+ok1\s/.test(l)) ?? '').slice(at, at + 12);
  };

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-trends-e2e-'));
    out = path.join(dir, 'pane.out');
    writeFileSync(out, '');
    lb = await startTrendLab(dir);
  }, 120_000);
  afterAll(async () => {
    term.kill();
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing while idle, and moves the sparkline cell with real traffic', async () => {
    tmux('new-session', '-d', '-s', 'e2e', '-x', '160', '-y', '40', `env -u CI LANG=C.UTF-8 XDG_STATE_HOME=${dir}/state ${BIN} -s ${lb.socket} -i 1; echo LBTOP-EXITED-$?; sleep 30`);
    tmux('set', '-g', 'status', 'off');
    tmux('pipe-pane', '-O', '-t', 'e2e', `cat >> ${out}`);
    await term.until('the first screen', () => pane().includes('ok1'));
    term.keys('2');
    await term.until('the TRAFFIC view', () => pane().includes('RATE TREND'));
    await wait(1500);

    // Idle: blank sparklines; polls every second write nothing (a latency redraw may hit one window).
    expect(okTrend().trim()).toBe('');
    const quiet: number[] = [];
    for (let i = 0; i < 4 && !quiet.includes(0); i++) {
      const from = size();
      await wait(2500);
      quiet.push(size() - from);
    }
    expect(quiet).toContain(0);

    await requests(lb, '/', 20);
    await term.until('a sparkline on ok1', () => SPARK.test(okTrend()));
    const first = okTrend();
    // After the traffic, the spike walks left one place a poll while ok1's numbers stand still.
    await term.until('the spike to move', () => okTrend() !== first && SPARK.test(okTrend()), 10_000);
    await term.until('the rate back to 0', () => /^\s+ok1\s+nochk\s+1\s+0\s/.test(pane().split('\n').find((l) => /^\s+ok1\s/.test(l)) ?? ''), 10_000);
    const from = size();
    const before = okTrend();
    await term.until('one more step', () => okTrend() !== before, 10_000);
    await wait(300);
    const step = since(from);
    expect(step).not.toContain('ok1');
    expect(step).toMatch(SPARK);
    // Each write is a cursor move to the changed cells, never a whole line: the sparkline's 12, with the RATE
    // number beside it when that moved in the same poll (one run of 20 cells was seen), far from 160 columns.
    for (const write of step.split(/\x1b\[\d+;\d+H/).slice(1)) expect(write.replace(/\x1b\[[\d;]*m/g, '').length).toBeLessThanOrEqual(40);
    // Bytes for a few cells, not for the 160-column lines of ok1, be_ok and the frontends.
    expect(Buffer.byteLength(step)).toBeLessThan(400);

    term.keys('q');
    await term.until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
  }, 120_000);
});
