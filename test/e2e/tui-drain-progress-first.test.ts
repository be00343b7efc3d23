// The built lbtop in tmux on two real HAProxy: a node drain's progress view is on screen before the full read that
// follows every write has finished. lb2 does not carry the node and its worker is stopped (SIGSTOP) before `y`, so
// that read hangs on it for its 120 s timeout; the drain of lb1 must show DRAINED meanwhile, and lb2 come back
// once it runs again. Before, "sending…" stayed on screen until the read was over (at 500 LBs: 8 s after `y`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { tmuxTerminal, wait } from './tmux.js';
import { ensureFreshBuild } from './fresh-build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const term = tmuxTerminal(`lbtop-e2e-first-${process.pid}`, 'e2e');
const { tmux, pane } = term;

const config = (backend: string, servers: string[], address: string) => `
${LAB_HEAD}frontend web
  bind unix@@DIR@/web.sock
  default_backend ${backend}
backend ${backend}
${servers.map((s, i) => `  server ${s} ${address}:${i + 1}`).join('\n')}
`;
const workerPid = async (lb: HaproxyProcess) => Number(/^Pid: (\d+)$/m.exec(await rawCommand(lb.socket, 'show info'))![1]);

describe('the drain progress view comes before the post-write refresh', () => {
  let dir: string;
  const lbs: HaproxyProcess[] = [];
  let stopped: number | null = null;
  beforeAll(async () => {
    ensureFreshBuild(); // never rebuilds dist/ under a test that runs it (npm test built it)
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-e2e-first-'));
    lbs.push(await startHaproxy({ name: 'lb1', dir, config: config('be_api', ['master1', 'master2'], '127.0.0.1') }));
    lbs.push(await startHaproxy({ name: 'lb2', dir, config: config('be_other', ['other1', 'other2'], '127.0.0.2') }));
  }, 60_000);
  afterAll(async () => {
    if (stopped !== null) process.kill(stopped, 'SIGCONT');
    term.kill();
    await Promise.all(lbs.map((lb) => lb.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows DRAINED for lb1 while lb2 still holds the refresh, then lb2 comes back', async () => {
    const file = path.join(dir, 'lbtop.yaml');
    writeFileSync(file, `lbs:\n  lb1: { haproxy: { socket: ${lbs[0]!.socket} } }\n  lb2: { haproxy: { socket: ${lbs[1]!.socket}, timeout: 120000 } }\n`);
    const command = ['env -u CI', `XDG_STATE_HOME=${dir}/state`, path.join(ROOT, 'bin/lbtop'), '-c', file, '-i', '1', '; sleep 30'].join(' ');
    tmux('new-session', '-d', '-s', 'e2e', '-x', '160', '-y', '40', command);
    await term.until('both LBs answered', () => /lb1 ok .*lb2 ok/.test(pane()));

    term.keys(':node master1', 'Enter');
    await term.until('the preview', () => /set server be_api\/master1 state drain/.test(pane()));
    stopped = await workerPid(lbs[1]!);
    process.kill(stopped, 'SIGSTOP');
    await wait(400); // the dialog refuses a confirm typed in the same breath as the key that opened it
    term.keys('y');
    // The refresh after the write cannot end while lb2 is stopped: the view must not wait for it.
    await term.until('the progress view', () => /drain master1 \(127\.0\.0\.1\): DRAINED/.test(pane()), 20_000);
    expect(pane()).toMatch(/lb1\s+be_api\/master1\s+0\s+0\s+0/);
    expect(await rawCommand(lbs[0]!.socket, 'show stat')).toMatch(/^be_api,master1,(?:[^,]*,){15}DRAIN,/m);

    process.kill(stopped, 'SIGCONT');
    stopped = null;
    term.keys('Escape');
    // lb2's held poll ends once it runs: the refresh behind the view was only waiting, not lost.
    await term.until('lb2 back', () => /lb1 ok .*lb2 ok/.test(pane()), 20_000);
    expect(await rawCommand(lbs[1]!.socket, 'show stat')).toMatch(/^be_other,other1,/m);
  }, 90_000);
});
