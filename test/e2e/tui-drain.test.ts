// End to end in a real terminal: lbtop on two real HAProxy instances inside tmux, a drain through the keys,
// checked on both sockets, then `q` and a check that the terminal left the alternate screen.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { tmuxTerminal, wait } from './tmux.js';
import { ensureFreshBuild } from './fresh-build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const term = tmuxTerminal(`lbtop-e2e-${process.pid}`, 'e2e');
const { tmux, pane } = term;
const until = (what: string, test: () => boolean, timeoutMs = 10_000) => term.until(what, test, timeoutMs);

const CONFIG = `
${LAB_HEAD}frontend web
  bind unix@@DIR@/web.sock
  default_backend k8s_https_lb_backend
backend k8s_https_lb_backend
  server controlplane1 127.0.0.1:1
  server worker1 127.0.0.1:2
  server worker2 127.0.0.1:3
`;

describe('lbtop in a real terminal', () => {
  let dir: string;
  const lbs: HaproxyProcess[] = [];
  beforeAll(async () => {
    ensureFreshBuild(); // never rebuilds dist/ under a test that runs it (npm test built it)
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-e2e-'));
    lbs.push(await startHaproxy({ name: 'lb1', dir, config: CONFIG }));
    lbs.push(await startHaproxy({ name: 'lb2', dir, config: CONFIG }));
  });
  afterAll(async () => {
    term.kill();
    await Promise.all(lbs.map((lb) => lb.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('drains a server on both LBs through the keys, then quits and restores the terminal', async () => {
    const command = [
      // Ink treats CI=true as non-interactive: unset it for this child only.
      'env -u CI', `XDG_STATE_HOME=${dir}/state`, path.join(ROOT, 'bin/lbtop'),
      '-s', `lb1=${lbs[0]!.socket}`, '-s', `lb2=${lbs[1]!.socket}`, '-i', '1',
      '; echo LBTOP-EXITED-$?; sleep 30',
    ].join(' ');
    tmux('new-session', '-d', '-s', 'e2e', '-x', '120', '-y', '30', command);
    await until('the first screen', () => pane().includes('worker1'));
    expect(tmux('display', '-p', '-t', 'e2e', '#{alternate_on}').trim()).toBe('1');

    tmux('send-keys', '-t', 'e2e', ':worker1', 'Enter');
    // Rows: cluster, frontend, backend, controlplane1, worker1, worker2: the jump selects row 5 of 6.
    await until('the jump to worker1', () => /row 5\/6/.test(pane()));
    tmux('send-keys', '-t', 'e2e', 'd');
    await until('the preview', () => /set server k8s_https_lb_backend\/worker1 state drain/.test(pane()));
    const preview = pane();
    expect(preview).toMatch(/\[lb1\] set server k8s_https_lb_backend\/worker1 state drain/);
    expect(preview).toMatch(/\[lb2\] set server k8s_https_lb_backend\/worker1 state drain/);
    // Nothing has been sent while the preview is open.
    for (const lb of lbs) expect(await rawCommand(lb.socket, 'show stat')).toMatch(/^k8s_https_lb_backend,worker1,.*,(UP|DOWN|no check),/m);

    await wait(400); // the dialog refuses a confirm typed in the same breath as the key that opened it
    tmux('send-keys', '-t', 'e2e', 'y');
    await until('the report', () => /lb2\s+verified/.test(pane()));
    for (const lb of lbs) {
      expect(await rawCommand(lb.socket, 'show stat')).toMatch(/^k8s_https_lb_backend,worker1,(?:[^,]*,){15}DRAIN,/m);
      expect(await rawCommand(lb.socket, 'show stat')).toMatch(/^k8s_https_lb_backend,worker2,(?:[^,]*,){15}(UP|DOWN|no check),/m);
    }

    tmux('send-keys', '-t', 'e2e', 'Escape');
    // Frames after the first write only the cells that changed (src/ui/screen): after the jump, dialogs and
    // polls, every line must still sit where the latest frame put it, once.
    await wait(1500);
    const screen = pane().split('\n');
    expect(screen[0]).toMatch(/^lbtop /);
    expect(screen.filter((line) => /^NAME\s/.test(line))).toHaveLength(1);
    expect(screen.filter((line) => /^\s+worker1\s/.test(line))).toHaveLength(1);
    expect(screen.findIndex((line) => /^\s+worker1\s/.test(line))).toBe(screen.findIndex((line) => /^NAME\s/.test(line)) + 5);
    tmux('send-keys', '-t', 'e2e', 'q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
    expect(tmux('display', '-p', '-t', 'e2e', '#{alternate_on}').trim()).toBe('0');
    expect(tmux('display', '-p', '-t', 'e2e', '#{cursor_flag}').trim()).toBe('1');
    expect(pane()).not.toContain('1-STATUS');
  }, 60_000);
});
