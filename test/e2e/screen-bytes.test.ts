// The bytes the real lbtop writes to a real terminal (tmux, 200×50, `pipe-pane -O`), against a real HAProxy: a
// screen where nothing changes writes nothing between polls; one changed cell writes that cell, not its line;
// a resize draws the whole screen again. The lab has more frontends than the screen has rows, and frontends
// show no ages, so nothing on screen counts time.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../support/lab/generate-config.js';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild } from './fresh-build.js';
import { tmuxTerminal, wait } from './tmux.js';

const term = tmuxTerminal(`lbtop-bytes-${process.pid}`, 'e2e');
const { tmux, pane } = term;

describe('bytes written to the terminal', () => {
  let dir: string;
  let lb: HaproxyProcess;
  let out: string;
  /** Bytes the pane's program wrote from `from` on. */
  const since = (from: number) => readFileSync(out).subarray(from).toString('utf8');
  const size = () => statSync(out).size;

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bytes-'));
    out = path.join(dir, 'pane.out');
    writeFileSync(out, '');
    lb = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 100, backends: 60, checks: false }) });
  }, 120_000);
  afterAll(async () => {
    term.kill();
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing on a quiet screen, a few bytes for one changed cell, the whole screen after a resize', async () => {
    // Ink treats CI=true as non-interactive: unset it for this child only.
    tmux('new-session', '-d', '-s', 'e2e', '-x', '200', '-y', '50', `env -u CI XDG_STATE_HOME=${dir}/state ${BIN} -s ${lb.socket} -i 1; echo LBTOP-EXITED-$?; sleep 30`);
    tmux('set', '-g', 'status', 'off');
    tmux('pipe-pane', '-O', '-t', 'e2e', `cat >> ${out}`);
    await term.until('the first screen', () => pane().includes('fe_0040 (frontend)'));
    await wait(1500);

    // Quiet: two polls (-i 1) write nothing. The header's latency is drawn again when it moves by 5 ms or more,
    // which a busy machine can make happen; a few windows are tried, one must be silent.
    const quiet: number[] = [];
    for (let i = 0; i < 4 && !quiet.includes(0); i++) {
      const from = size();
      await wait(2500);
      quiet.push(size() - from);
    }
    expect(quiet).toContain(0);

    // One cell: fe_0003's SLIM, 9660 → 1234 (every digit differs), and anything that follows it for 3 s.
    let from = size();
    await rawCommand(lb.socket, 'set maxconn frontend fe_0003 1234');
    await term.until('the new limit', () => /fe_0003 \(frontend\)\s+OPEN\s+0\s+0\s+1234\s/.test(pane()));
    await wait(3000);
    const cell = since(from);
    expect(cell).toContain('1234');
    expect(cell).not.toContain('fe_0003');
    // A line of this screen is 200 columns; the update is a cursor move, the digits and their colour.
    expect(Buffer.byteLength(cell)).toBeLessThan(150);

    // A resize: the whole screen again, at the new size.
    from = size();
    tmux('resize-window', '-t', 'e2e', '-x', '150', '-y', '40');
    await term.until('the screen at 150 columns', () => since(from).includes('fe_0001 (frontend)') && pane().split('\n')[0]!.startsWith('lbtop'));
    await wait(500);
    const redraw = since(from);
    expect(redraw).toContain('\x1b[2J');
    expect(redraw).toContain('NAME');
    expect(pane().split('\n').filter((line) => /^NAME\s/.test(line))).toHaveLength(1);
    expect(pane().split('\n').every((line) => line.length <= 150)).toBe(true);

    tmux('send-keys', '-t', 'e2e', 'q');
    await term.until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
    expect(tmux('display', '-p', '-t', 'e2e', '#{alternate_on}').trim()).toBe('0');
  }, 90_000);
});
