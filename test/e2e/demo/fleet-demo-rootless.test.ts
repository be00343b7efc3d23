// `lbtop demo --fleet 3` run by a user who is not root (the lab user), in a real terminal (tmux): the lab is built
// in a user namespace (src/lab/netns/userns.ts), each LB's sshd reached through a loopback port. Every LB is
// polled over SSH and has rows, V-VIPS shows the keepalived pair's roles and B-BGP BIRD's sessions with the
// nodes (exec channels), and `q` removes every process of the lab, its namespace holder and its directory.
// The test itself runs as root (CI does) to create the user and start tmux.
import { readdirSync, readFileSync, readlinkSync, chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { running } from '../../../src/lab/netns/sh.js';
import { ensureLoginUser, LAB_USER } from '../../../src/lab/netns/user.js';
import { BIN, ensureFreshBuild } from '../fresh-build.js';
import { tmuxTerminal } from '../tmux.js';

const term = tmuxTerminal(`lbtop-fleet-rootless-${process.pid}`, 'e2e');
let scratch = '';
let uid = -1;

beforeAll(() => {
  ensureFreshBuild();
  uid = ensureLoginUser().uid;
}, 120_000);

afterAll(() => {
  term.kill();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The lab user's processes in a user namespace other than ours: everything the rootless lab started. */
function labProcesses(): number[] {
  const ours = readlinkSync('/proc/self/ns/user');
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid && readlinkSync(`/proc/${pid}/ns/user`) !== ours && running(pid);
      } catch {
        return false;
      }
    });
}

it('lbtop demo --fleet 3 as a user who is not root: every LB over SSH, the VIP pair, BGP; q removes the lab', async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'lbtop-fleet-rootless-'));
  chmodSync(scratch, 0o777);
  const before = labProcesses();
  const command = `runuser -u ${LAB_USER} -- env -u CI XDG_STATE_HOME=${scratch}/state ${process.execPath} ${BIN} demo --fleet 3; echo LBTOP-EXITED-$?; sleep 30`;
  term.tmux('new-session', '-d', '-s', 'e2e', '-x', '220', '-y', '40', command);
  await term.until('the banner and three LBs ok over SSH', () => /in a user namespace, no root/.test(term.pane()) && /lb1 ok .*lb2 ok .*lb3 ok/.test(term.pane()), 60_000);
  await term.until('rows from every LB', () => /node1\s+UP\s+UP\s+UP/.test(term.pane()) && /node4\s+DOWN\s+DOWN\s+DOWN/.test(term.pane()), 20_000);
  expect(term.pane()).toMatch(/fwd/); // each stats socket over SSH stream-local forwarding, as with root
  const dir = /in (\/tmp\/lbtop-lbt-[\d.]+)/.exec(term.pane())![1]!;
  expect(readFileSync(path.join(dir, 'ssh_config'), 'utf8')).toMatch(/Host lb1\n {2}HostName 127\.0\.0\.1\n {2}Port \d+/);

  term.keys('V');
  await term.until('both VIPs held by lb1, lb2 its backup', () => (term.pane().match(/_vip\s+fleet\s+MASTER 101\s+BACKUP 100\s+lb1\s+held/g) ?? []).length === 2, 20_000);
  term.keys('B');
  await term.until('the BGP sessions with the three nodes', () => (term.pane().match(/^lb3\s+node\d\s+BGP\s+up .*Established/gm) ?? []).length === 3, 20_000);

  const lab = labProcesses().filter((pid) => !before.includes(pid));
  // The holder, and per LB an sshd and an HAProxy, per node an HTTP server, keepalived ×2, BIRD ×4, traffic.
  expect(lab.length).toBeGreaterThanOrEqual(1 + 3 * 2 + 3 + 2 + 4 + 1);
  term.keys('q');
  await term.until('lbtop to exit', () => term.pane().includes('LBTOP-EXITED-0'), 20_000);
  await term.until('every lab process to be gone', () => lab.filter(running).length === 0, 10_000);
  expect(existsSync(dir)).toBe(false);
}, 120_000);

it('lbtop killed (SIGKILL, no teardown): the namespace holder ends every lab process and removes the directory', async () => {
  term.kill();
  const before = labProcesses();
  const pidFile = path.join(scratch, 'pid');
  const command = `runuser -u ${LAB_USER} -- sh -c 'echo $$ > ${pidFile}; exec env -u CI XDG_STATE_HOME=${scratch}/state ${process.execPath} ${BIN} demo --fleet 2'; sleep 30`;
  term.tmux('new-session', '-d', '-s', 'e2e', '-x', '220', '-y', '40', command);
  await term.until('both LBs ok over SSH', () => /lb1 ok .*lb2 ok/.test(term.pane()), 60_000);
  const dir = /in (\/tmp\/lbtop-lbt-[\d.]+)/.exec(term.pane())![1]!;
  const lab = labProcesses().filter((pid) => !before.includes(pid));
  expect(lab.length).toBeGreaterThanOrEqual(1 + 2 * 2 + 3);
  process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  await term.until('every lab process to be gone', () => lab.filter(running).length === 0, 10_000);
  await term.until('the lab directory to be gone', () => !existsSync(dir), 10_000);
}, 120_000);
