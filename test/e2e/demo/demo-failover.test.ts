// `lbtop demo` (npm start) run by a user who is not root, in a real terminal (tmux): the keepalived pair and BIRD
// of the demo run in user namespaces, so VIPS and BGP have live rows; `f` moves a VIP (checked with `ip addr` in
// the other LB's namespace, never with lbtop's reading), `x` disables a BGP session (checked with birdc on the node
// speaker: the LB's routes are withdrawn there); `q` ends every process the demo started and removes its temp dir.
// Then the same with user namespaces refused (max_user_namespaces 0 in a user namespace of its own, the machine's
// sysctl untouched): the header says the failover views are a replay and why, and they still have rows.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { running } from '../../../src/lab/netns/sh.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { startDemo as startDemoInProcess } from '../../../src/cli/demo.js';
import { createFailoverRuntime } from '../../../src/runtime/failover-runtime.js';
import { BIN, ensureFreshBuild } from '../fresh-build.js';
import { tmuxTerminal, wait } from '../tmux.js';

const USER = 'nobody';
const term = tmuxTerminal(`lbtop-demo-failover-${process.pid}`, 'e2e');
const { tmux, pane, keys } = term;
const until = (what: string, test: () => boolean, timeoutMs = 25_000) => term.until(what, test, timeoutMs);
let scratch = '';

beforeAll(() => {
  ensureFreshBuild();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'lbtop-demo-failover-'));
  chownSync(scratch, Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })));
}, 120_000);

afterAll(() => {
  term.kill();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every process below `pid` (the pane's shell): lbtop, the namespace holders, keepalived, BIRD. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp !== p) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}


/** Processes anywhere on the machine inside one of these user namespaces (by inode). */
function inNamespaces(userns: Set<string>): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).flatMap((e) => {
    try {
      return userns.has(readlinkSync(`/proc/${e}/ns/user`)) && running(Number(e)) ? [Number(e)] : [];
    } catch {
      return [];
    }
  });
}

function startDemo(prefix: string): void {
  const command = `runuser -u ${USER} -- ${prefix} env -u CI HOME=${scratch} XDG_STATE_HOME=${scratch}/state ${process.execPath} ${BIN} demo; echo LBTOP-EXITED-$?; sleep 60`;
  term.kill(); // a session left by a failed test before
  tmux('new-session', '-d', '-s', 'e2e', '-x', '200', '-y', '45', command);
}

/** Types into the open dialog and sends Enter once the text is on screen (one read of both could lose the Enter). */
async function typeThenEnter(text: string): Promise<void> {
  keys('-l', text);
  await until(`"${text}" typed`, () => pane().includes(`${text}▏`));
  keys('Enter');
}

const demoDir = () => /live HAProxy lab in (\/\S*?lbtop-demo-\w+)/.exec(pane())?.[1] ?? '';
/** The addresses on eth0 of a lab host, read in its network namespace (through its keepalived's pid). */
function addresses(dir: string, lb: string): string[] {
  const pid = readFileSync(`${dir}/failover/${lb}/keepalived.pid`, 'utf8').trim();
  const json = execFileSync('nsenter', ['-n', '-t', pid, 'ip', '-j', 'addr', 'show', 'dev', 'eth0'], { encoding: 'utf8' });
  return (JSON.parse(json) as { addr_info: { local: string }[] }[]).flatMap((i) => i.addr_info.map((a) => a.local));
}
/** What the node speaker `worker` has learned from the LB's session (BIRD names it lb0 / lb1 there). */
const learned = (dir: string, worker: string, from: string) =>
  execFileSync('birdc', ['-s', `${dir}/failover/${worker}/bird.ctl`, 'show', 'route', 'protocol', from], { encoding: 'utf8' }).match(/^\d+\.\d+\.\d+\.\d+\/\d+/gm) ?? [];

describe('lbtop demo as a user who is not root', () => {
  it('runs keepalived and BIRD in user namespaces: f moves a VIP, x withdraws a BGP session, q removes it all', async () => {
    startDemo('');
    await until('the live failover stack in the header', () => pane().includes('keepalived + BIRD in user namespaces'));
    const dir = demoDir();
    expect(dir).not.toBe('');
    keys('V');
    await until('both VIPs held', () => /192\.168\.50\.253\s+VI_2\s+k3s\s+MASTER 101\s+BACKUP 100\s+lb-0\s+held/.test(pane()) && /192\.168\.50\.254\s+VI_1\s+rancher\s+BACKUP 100\s+MASTER 101\s+lb-1\s+held/.test(pane()));
    const paneShell = Number(tmux('display', '-p', '-t', 'e2e', '#{pane_pid}').trim());
    const pids = descendants(paneShell);
    const userns = new Set(pids.flatMap((p) => {
      try {
        return [readlinkSync(`/proc/${p}/ns/user`)];
      } catch {
        return [];
      }
    }));
    userns.delete(readlinkSync('/proc/self/ns/user'));
    expect(userns.size).toBe(1); // the demo's one user namespace, holding the LAN and the four hosts
    expect(inNamespaces(userns).length).toBeGreaterThanOrEqual(5 + 2 * 2 + 4); // holders, keepalived ×2 ×2, BIRD ×4
    expect(addresses(dir, 'lb-0')).toContain('192.168.50.253');

    keys('f');
    await until('the failover preview', () => pane().includes('PREVIEW: move VI_2 (192.168.50.253) from lb-0 to lb-1'));
    expect(pane()).toContain('Method: track-file');
    await wait(400); // a confirmation typed in the same breath as the key that opened the dialog is refused
    await typeThenEnter('k3s');
    await until('the move', () => pane().includes('DONE: move VI_2'));
    expect(addresses(dir, 'lb-1')).toContain('192.168.50.253');
    expect(addresses(dir, 'lb-0')).not.toContain('192.168.50.253');

    // lb-1 now holds both VIPs and announces them to the nodes; its session with worker2 is the BGP view's last row.
    keys('Escape');
    await wait(300); // Escape and the next key at once would read as Alt+key
    keys('B');
    await until('the BGP view', () => /lb-1\s+worker2\s+BGP\s+up\s+\S+\s+1\s+2\s+Established/.test(pane()));
    expect(learned(dir, 'worker2', 'lb1').sort()).toEqual(['192.168.50.253/32', '192.168.50.254/32']);
    keys('G');
    keys('x');
    await until('the reason dialog', () => pane().includes('disable worker2 on lb-1'));
    await typeThenEnter('drain lb-1 for kernel upgrade');
    await until('the BGP preview', () => pane().includes('PREVIEW: disable worker2 on lb-1'));
    await wait(400);
    await typeThenEnter('worker2');
    await until('the disable', () => pane().includes('DONE: disable worker2 on lb-1'));
    await until('the routes withdrawn on worker2', () => learned(dir, 'worker2', 'lb1').length === 0);
    expect(learned(dir, 'worker2', 'lb0')).toEqual([]); // lb-0 holds no VIP now: it announces nothing
    expect(learned(dir, 'worker1', 'lb1').sort()).toEqual(['192.168.50.253/32', '192.168.50.254/32']);

    keys('Escape');
    await wait(300);
    keys('q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
    expect(pids.filter(running).filter((p) => p !== paneShell)).toEqual([]);
    expect(inNamespaces(userns)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    term.kill();
  }, 80_000);

  it('with user namespaces refused, says VIPS and BGP are a replay and why, and still shows them', async () => {
    // Inside a user namespace of its own, max_user_namespaces 0 refuses the demo's `unshare --user`.
    startDemo(`unshare -Ur sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"' sh`);
    await until('the replay in the header', () => pane().includes('DEMO: VIPS/BGP REPLAYED read-only (user namespaces refused: No space left on device)'));
    const dir = demoDir();
    expect(dir).not.toBe('');
    keys('V');
    await until('the replayed VIPs', () => /192\.168\.50\.253\s+VI_2\s+k3s\s+MASTER 101\s+BACKUP 100\s+lb-0/.test(pane()) && /192\.168\.50\.254\s+VI_1\s+rancher/.test(pane()));
    keys('f');
    await until('the refused preview', () => pane().includes('REFUSED: these hosts are a recorded replay (read-only)'));
    keys('Escape');
    await wait(300); // Escape and the next key at once would read as Alt+key
    keys('B');
    await until('the replayed BGP sessions', () => /lb-0\s+worker1\s+BGP\s+up\s+\S+\s+1\s+\d+\s+Established/.test(pane()) && /lb-1\s+worker2\s+BGP\s+up/.test(pane()));
    keys('q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
    expect(existsSync(dir)).toBe(false);
  }, 30_000);
});

describe('the whole demo replayed (no haproxy, or LBTOP_DEMO_REPLAY=1)', () => {
  it('declares keepalived and BIRD on lb-0/lb-1 and the clusters\' VIPs, and replays them read-only', async () => {
    const flags = { lbs: [], clusters: [], intervalSec: 1, readOnly: false, theme: 'dark' } as unknown as LbtopConfig;
    const demo = await startDemoInProcess(flags, { LBTOP_DEMO_REPLAY: '1' });
    const failover = createFailoverRuntime(demo.config, { runnerFor: demo.runnerFor! });
    try {
      expect(demo.config.lbs.filter((lb) => lb.failover?.keepalived && lb.failover.bird).map((lb) => lb.name)).toEqual(['lb-0', 'lb-1']);
      expect(demo.config.clusters.filter((c) => c.vips).map((c) => [c.name, c.vips])).toEqual([['rancher', ['VI_1']], ['k3s', ['VI_2']]]);
      await failover.refresh();
      await failover.refresh(); // the second poll reads keepalived's next recorded dump, as it would live
      const state = failover.store.getState();
      expect(state.vips.map((v) => [v.vip, v.instance, v.verdict.holders.map((h) => h.host)])).toEqual([
        ['192.168.50.253', 'VI_2', ['lb-0']],
        ['192.168.50.254', 'VI_1', ['lb-1']],
      ]);
      expect(state.hosts.map((h) => [h.lb, h.bird?.value?.protocols.filter((p) => p.proto === 'BGP').map((p) => `${p.name} ${p.info}`)])).toEqual([
        ['lb-0', ['worker1 Established', 'worker2 Established']],
        ['lb-1', ['worker1 Established', 'worker2 Established']],
      ]);
      await expect(failover.runners.get('lb-0')!.run(['birdc', '-v', '-s', '/replay/failover/lb-0/bird.ctl', 'disable', 'worker1'])).rejects.toThrow(/read-only/i);
    } finally {
      failover.stop();
      demo.runtime.stop();
      await demo.stop();
    }
  });
});

describe('the failover lab when lbtop dies without stopping it', () => {
  it('SIGKILL of its process ends the holders (their stdin closes) and the daemons (parent-death signal)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'failover-lab-child.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => void (out += String(b)));
    type Lab = { dir: string; pids: number[]; why: string | null };
    let lab = null as Lab | null;
    try {
      await term.until('the lab in the child', () => out.includes('\n'), 20_000);
      lab = JSON.parse(out) as Lab;
      expect(lab!.why).toBeNull();
      expect(lab!.pids.length).toBe(5 + 2 * 2 + 4);
      expect(lab!.pids.filter(running).length).toBe(lab!.pids.length);
      child.kill('SIGKILL');
      await term.until('the lab to go', () => lab!.pids.filter(running).length === 0, 10_000);
    } finally {
      child.kill('SIGKILL');
      for (const pid of lab?.pids ?? []) if (running(pid)) process.kill(pid, 'SIGKILL');
      if (lab) rmSync(lab.dir, { recursive: true, force: true });
    }
  }, 40_000);
});
