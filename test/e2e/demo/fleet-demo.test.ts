// `lbtop demo --fleet`: the namespace fleet lab of the SSH tests, started from src/lab as the demo starts it. The
// built bin's `status --json` must see every LB ok over SSH with the lab's known_hosts (and be refused without
// it: host keys are checked as in production); stopping removes the namespaces, the processes and the files.
// Then the demo itself in a real terminal (tmux): the banner says what it is, V-VIPS shows the keepalived pair's
// roles and B-BGP the BIRD sessions over SSH, and `q` tears the lab down. Without root and without user
// namespaces (test/e2e/demo/fleet-demo-rootless.test.ts builds it in one), the bin refuses in one line.
// Runs as root: CI does.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetDemoLab } from '../../../src/lab/fleet-demo-lab.js';
import { namespaceLabMode, namespaceLabUnavailable, type LabProbe } from '../../../src/lab/netns/preflight.js';
import { namespacePids, running, sh } from '../../../src/lab/netns/sh.js';
import { ensureLoginUser, LAB_USER } from '../../../src/lab/netns/user.js';
import { DemoRefused, startFleetDemo } from '../../../src/cli/demo.js';
import { BIN, ensureFreshBuild } from '../fresh-build.js';

const namespaces = () => sh(['ip', 'netns', 'list']).stdout.split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lbtop(args: string[], env: Record<string, string> = {}, runAs?: string, wrap: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = [...(runAs ? ['runuser', '-u', runAs, '--'] : []), ...wrap, process.execPath, BIN, ...args];
  return new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { cwd: '/', env: { ...process.env, XDG_CONFIG_HOME: '/nonexistent', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

type LbStatus = { name: string; ok: boolean; endpoint: string; error: string | null };
const lbsOf = (stdout: string) => (JSON.parse(stdout) as { lbs: LbStatus[] }).lbs;

beforeAll(() => ensureFreshBuild(), 120_000);

describe('lbtop demo --fleet: refusal', () => {
  const probe = (over: Partial<LabProbe>): LabProbe => ({ uid: 0, netns: () => true, userns: () => null, sshd: () => true, haproxy: () => true, ...over });
  const REFUSED = 'needs root, or unprivileged user namespaces, which this system refuses (`unshare --user --net`: No space left on device — sysctl user.max_user_namespaces is 0 or used up)';

  it('says in one line why it cannot run, and what to run instead', async () => {
    expect(namespaceLabMode(probe({}))).toEqual({ mode: 'root' });
    expect(namespaceLabMode(probe({ uid: 1000 }))).toEqual({ mode: 'userns' });
    expect(namespaceLabUnavailable(probe({ netns: () => false }))).toMatch(/`ip netns` is not available/);
    expect(namespaceLabUnavailable(probe({ uid: 1000, haproxy: () => false }))).toBe('needs haproxy installed');
    const refused = probe({ uid: 1000, userns: () => 'Operation not permitted' });
    expect(namespaceLabUnavailable(refused)).toBe('needs root, or unprivileged user namespaces, which this system refuses (`unshare --user --net`: Operation not permitted)');
    const refusal = await startFleetDemo({ lbs: [], clusters: [], intervalSec: 1, readOnly: false, theme: 'mono' }, 2, { probe: refused }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DemoRefused);
    expect((refusal as Error).message).toBe('demo --fleet needs root, or unprivileged user namespaces, which this system refuses (`unshare --user --net`: Operation not permitted); run plain `lbtop demo` (npm start) instead');
  });

  it('the bin, run by a user who is not root where user namespaces are refused, says what it needs before building anything', async () => {
    ensureLoginUser();
    const before = namespaces();
    // A kernel that refuses them: inside a user namespace of our own, user.max_user_namespaces = 0 stops any more.
    const refuse = ['unshare', '--user', '--map-current-user', '--keep-caps', 'sh', '-c', 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"', 'sh'];
    const { code, stdout, stderr } = await lbtop(['demo', '--fleet', '2'], {}, LAB_USER, refuse);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`lbtop: demo --fleet ${REFUSED}; run plain \`lbtop demo\` (npm start) instead\n`);
    // Another test file may be building its own lab meanwhile (two workers): its namespaces carry the run id of a
    // live process. The refused lbtop has exited, so anything it had left would carry a dead one.
    const fleetLab = /^lbt-(\d+)-(net|lb\d+|node\d+)$/;
    const appeared = namespaces().filter((ns) => !before.includes(ns) && fleetLab.test(ns));
    expect(appeared.filter((ns) => !running(Number(fleetLab.exec(ns)![1])))).toEqual([]);
  });
});

describe('lbtop demo --fleet: the lab', () => {
  it('2 LBs over SSH: status sees both ok, refuses hosts missing from known_hosts; stop removes everything', async () => {
    const lab = await startFleetDemoLab({ lbs: 2 });
    let pids: number[];
    try {
      expect(lab.lbs).toEqual(['lb1', 'lb2']);
      expect(namespaces()).toEqual(expect.arrayContaining(lab.namespaces));
      pids = lab.namespaces.flatMap(namespacePids);
      expect(pids).toEqual(expect.arrayContaining(lab.pids()));
      const state = { XDG_STATE_HOME: path.join(lab.dir, 'state') };
      const { code, stdout } = await lbtop(['status', '--json', '-c', lab.configPath], state);
      const lbs = lbsOf(stdout);
      expect(lbs.map((lb) => [lb.name, lb.ok, lb.error])).toEqual([['lb1', true, null], ['lb2', true, null]]);
      for (const lb of lbs) expect(lb.endpoint).toMatch(new RegExp(`^ssh ${lb.name} → stream-local ${lab.dir}/${lb.name}/admin\\.sock$`));
      expect(code).toBe(0);

      // The same lab with an empty known_hosts: both hosts are refused, none is recorded.
      const yaml = readFileSync(lab.configPath, 'utf8');
      const sshConfig = /config: (\S+) \}/.exec(yaml)![1]!;
      writeFileSync(path.join(lab.dir, 'known_hosts.empty'), '');
      writeFileSync(path.join(lab.dir, 'ssh_config.strict'), readFileSync(sshConfig, 'utf8').replace(/UserKnownHostsFile \S+/, `UserKnownHostsFile ${lab.dir}/known_hosts.empty`));
      writeFileSync(path.join(lab.dir, 'strict.yaml'), yaml.replace(sshConfig, path.join(lab.dir, 'ssh_config.strict')));
      const strict = await lbtop(['status', '--json', '-c', path.join(lab.dir, 'strict.yaml')], state);
      expect(strict.code).toBe(1);
      expect(lbsOf(strict.stdout).map((lb) => lb.error)).toEqual([expect.stringMatching(/host key of \S+ is not known/), expect.stringMatching(/host key of \S+ is not known/)]);
      expect(readFileSync(path.join(lab.dir, 'known_hosts.empty'), 'utf8')).toBe('');
    } finally {
      await lab.stop();
    }
    expect(namespaces().filter((ns) => lab.namespaces.includes(ns))).toEqual([]);
    expect(pids.filter(running)).toEqual([]);
    expect(existsSync(lab.dir)).toBe(false);
  }, 60_000);
});

describe('lbtop demo --fleet 4 in a real terminal', () => {
  const TMUX = `lbtop-fleet-demo-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', TMUX, ...args], { encoding: 'utf8' });
  const pane = () => tmux('capture-pane', '-p', '-t', 'e2e');
  let scratch: string;
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function until(what: string, test: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${pane()}`);
      await wait(100);
    }
  }

  it('shows the fleet lab banner, every LB ok over SSH and the failover stack; q stops lbtop and removes the lab', async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'lbtop-fleet-demo-'));
    const pidFile = path.join(scratch, 'pid');
    // `exec` keeps the pid: the lab's names carry it (lbt-<pid>-…), so we know exactly which namespaces are ours.
    const command = [
      `sh -c 'echo $$ > ${pidFile}; exec env -u CI XDG_STATE_HOME=${scratch}/state node ${BIN} demo --fleet 4'`,
      '; echo LBTOP-EXITED-$?; sleep 30',
    ].join(' ');
    tmux('new-session', '-d', '-s', 'e2e', '-x', '220', '-y', '40', command);
    await until('the banner and the LBs ok', () => pane().includes('DEMO: namespace fleet lab over SSH, 4 LBs') && /lb1 ok .*lb2 ok .*lb3 ok .*lb4 ok/.test(pane()), 60_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const ours = namespaces().filter((ns) => ns.startsWith(`lbt-${pid}-`));
    expect(ours).toEqual(expect.arrayContaining([`lbt-${pid}-lb1`, `lbt-${pid}-lb4`, `lbt-${pid}-node1`]));
    const pids = ours.flatMap(namespacePids);
    expect(pids.length).toBeGreaterThanOrEqual(4 * 2 + 3 + 2 + 2 + 4); // sshd + HAProxy per LB, HTTP per node, keepalived, heartbeat, BIRD
    expect(pane()).toMatch(/fwd/); // the route to each stats socket: stream-local forwarding over SSH
    // The failover stack over SSH exec channels: the keepalived pair on lb1/lb2, the heartbeat pair on lb3/lb4
    // (its resource held by lb3), BIRD on lb3 with the nodes.
    tmux('send-keys', '-t', 'e2e', 'V');
    await until('both VIPs held by lb1, lb2 its backup', () => (pane().match(/_vip\s+fleet\s+MASTER 101\s+BACKUP 100\s+-\s+-\s+lb1\s+held/g) ?? []).length === 2);
    await until('the heartbeat resource held by lb3', () => /\.210\s+lb3\s+fleet\s+-\s+-\s+holds \(local\)\s+standby \(local\)\s+lb3/.test(pane()), 40_000);
    tmux('send-keys', '-t', 'e2e', 'B');
    await until('the BGP sessions with the three nodes', () => (pane().match(/^lb3\s+node\d\s+BGP\s+up .*Established/gm) ?? []).length === 3);
    tmux('send-keys', '-t', 'e2e', 'q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
    expect(namespaces().filter((ns) => ns.startsWith(`lbt-${pid}-`))).toEqual([]);
    expect(pids.filter(running)).toEqual([]);
    expect(existsSync(`/tmp/lbtop-lbt-${pid}`)).toBe(false);
    expect(existsSync(`/run/lbtop-lab/lbt-${pid}.json`)).toBe(false);
  }, 90_000);
});
