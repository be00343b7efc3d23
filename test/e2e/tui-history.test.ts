// HISTORY in a real terminal: lbtop on two real HAProxy LBs inside tmux, a drain through the keys, then H lists
// it (and an action another lbtop writes while the view is open), Enter shows its commands and outcome per LB,
// u previews its undo in the one write dialog, y applies it, and both sockets show the server ready again. In
// read-only mode u is refused and nothing is sent.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild } from './fresh-build.js';
import { tmuxTerminal, wait } from './tmux.js';

const CONFIG = `
${LAB_HEAD}backend k8s_https_lb_backend
  server controlplane1 127.0.0.1:1
  server worker1 127.0.0.1:2
  server worker2 127.0.0.1:3
`;

const term = tmuxTerminal(`lbtop-history-${process.pid}`, 'hist');
const { tmux, pane, until } = term;
/** Past the preview's confirm guard, so a y counts. */
const keys = async (...k: string[]) => {
  term.keys(...k);
  await wait(400);
};

describe('HISTORY and undo in a real terminal', () => {
  let dir: string;
  const lbs: HaproxyProcess[] = [];
  const sockets = () => ['-s', `lb1=${lbs[0]!.socket}`, '-s', `lb2=${lbs[1]!.socket}`];
  /** worker1's admin state bits on each LB (show servers state: 0 ready, 8 forced drain). */
  const admin = async () => Promise.all(lbs.map(async (lb) => (await rawCommand(lb.socket, 'show servers state k8s_https_lb_backend')).split('\n').find((l) => l.split(' ')[3] === 'worker1')!.split(' ')[6]));
  const start = (...flags: string[]) =>
    tmux('new-session', '-d', '-s', 'hist', '-x', '150', '-y', '30', ['env -u CI', `XDG_STATE_HOME=${dir}/state`, BIN, ...sockets(), '-i', '1', ...flags, '; echo LBTOP-EXITED-$?; sleep 30'].join(' '));

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-tui-history-'));
    lbs.push(await startHaproxy({ name: 'lb1', dir, config: CONFIG }));
    lbs.push(await startHaproxy({ name: 'lb2', dir, config: CONFIG }));
  }, 120_000);
  afterAll(async () => {
    term.kill();
    await Promise.all(lbs.map((lb) => lb.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('drains through the keys, lists it in H, and u + y puts worker1 back to ready on both LBs', async () => {
    start();
    await until('the first screen', () => pane().includes('worker1'));
    await keys(':worker1', 'Enter');
    await keys('d');
    await until('the drain preview', () => /set server k8s_https_lb_backend\/worker1 state drain/.test(pane()));
    await keys('y');
    await until('the drain report', () => /lb2\s+verified/.test(pane()));
    await keys('Escape');
    expect(await admin()).toEqual(['8', '8']);

    await keys('H');
    await until('the drain in HISTORY', () => /drain k8s_https_lb_backend\/worker1 on lb1, lb2\s+lb1 VERIFIED, lb2 VERIFIED\s+yes/.test(pane()));
    // Another lbtop changes something while the view is open: it appears on top, without a key.
    const other = await new Promise<number>((resolve) =>
      execFile(BIN, [...sockets(), 'server', 'weight', 'k8s_https_lb_backend/worker2', '5', '--lb', 'lb2', '--yes'], { env: { ...process.env, XDG_STATE_HOME: `${dir}/state` } }, (e) => resolve(e ? (e.code as number) : 0)));
    expect(other).toBe(0);
    await until('the other lbtop\'s action', () => /weight 5 k8s_https_lb_backend\/worker2 on lb2/.test(pane()));
    // The drain is now second, and the cursor stayed on it: its detail.
    await keys('Enter');
    await until('the detail', () => /Outcome:/.test(pane()));
    expect(pane()).toMatch(/\[lb1\] set server k8s_https_lb_backend\/worker1 state drain\s+→ done/);
    expect(pane()).toMatch(/\[lb2\] set server k8s_https_lb_backend\/worker1 state ready/); // the way back
    await keys('Escape');

    await keys('u');
    await until('the undo preview', () => /undo: drain k8s_https_lb_backend\/worker1/.test(pane()) && /set server k8s_https_lb_backend\/worker1 state ready/.test(pane()));
    expect(pane()).toMatch(/\[lb1\] set server k8s_https_lb_backend\/worker1 state ready/);
    expect(pane()).toMatch(/\[lb2\] set server k8s_https_lb_backend\/worker1 state ready/);
    expect(await admin()).toEqual(['8', '8']); // nothing sent while the preview is open
    await keys('y');
    await until('the undo report', () => /lb2\s+verified/.test(pane()));
    expect(await admin()).toEqual(['0', '0']);
    await keys('Escape');
    await until('the undo in HISTORY', () => /undo: drain k8s_https_lb_backend\/worker1 on lb1, lb2/.test(pane()));
    await keys('q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
    tmux('kill-session', '-t', 'hist');
  }, 90_000);

  it('read-only: u is refused and nothing is sent', async () => {
    await rawCommand(lbs[0]!.socket, 'set server k8s_https_lb_backend/worker1 state drain');
    start('-n');
    await until('the first screen', () => /READ-ONLY/.test(pane()) && pane().includes('worker1'));
    await keys('H');
    await until('HISTORY', () => /undo: drain k8s_https_lb_backend\/worker1/.test(pane()));
    await keys('j', 'j');
    await keys('u');
    await until('the refusal', () => /READ-ONLY: u .*is disabled/.test(pane()));
    await keys('y');
    expect(await admin()).toEqual(['8', '0']);
    await keys('q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
  }, 60_000);
});
