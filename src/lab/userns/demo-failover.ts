// The demo's failover stack: live (keepalived pair + BIRD on lb-0/lb-1, two BIRD node speakers, all in user
// namespaces, src/lab/userns/userns-lab.ts) wherever the kernel and the installed packages allow it, root or not;
// otherwise the recorded outputs of the same lab (fixtures/demo-failover), replayed read-only. Either way lbtop
// reads it through the runner per LB handed to its failover runtime, and says on screen which it is and why.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readOnlyRunner } from '../../actions/write-gate.js';
import type { LbConfig } from '../../model/config.js';
import { packagePath } from '../../package-root.js';
import type { CommandRunner } from '../../transport/exec.js';
import { nsenterRunner } from '../../transport/nsenter-runner.js';
import { loadRecording, replayRunner } from '../../transport/replay-runner.js';
import { PATH_WITH_SBIN } from '../netns/sh.js';
import { failoverDeclarations, HOSTS, keepalivedArgv, keepalivedConf, lbBirdConf, LBS, paths, workerBirdConf, type LabHost } from './failover-confs.js';
import { startUsernsLab, type UsernsLab } from './userns-lab.js';

export const REPLAY_DIR = '/replay/failover';
export const RECORDED = packagePath('fixtures', 'demo-failover');

export interface DemoFailover {
  /** null: live; otherwise why it is a replay ("user namespaces refused (…)", "keepalived not installed"). */
  replayedBecause: string | null;
  /** The `keepalived:`/`bird:` of lb-0/lb-1 and the clusters' `vips:`, for the demo's lbtop.yaml. */
  declarations: ReturnType<typeof failoverDeclarations>;
  runnerFor(lb: LbConfig): CommandRunner;
  /** The live lab (tests look inside its namespaces), null in the replay. */
  lab: UsernsLab | null;
  stop(): Promise<void>;
}

function which(file: string): string | null {
  for (const dir of PATH_WITH_SBIN.split(':')) if (dir && existsSync(path.join(dir, file))) return path.join(dir, file);
  return null;
}

export function replayedFailover(why: string): DemoFailover {
  const runners = new Map(LBS.map((lb) => [lb, readOnlyRunner(replayRunner(`replay:${lb} (recorded keepalived/BIRD)`, loadRecording(path.join(RECORDED, `${lb}.json`))))]));
  return {
    replayedBecause: why,
    declarations: failoverDeclarations(REPLAY_DIR),
    runnerFor: (lb) => runners.get(lb.name as (typeof LBS)[number]) ?? runners.get('lb-0')!,
    lab: null,
    stop: async () => {},
  };
}

async function startLive(dir: string): Promise<DemoFailover> {
  const bins = Object.fromEntries(['keepalived', 'bird', 'birdc', 'nsenter', 'unshare', 'ip'].map((b) => [b, which(b)]));
  const missing = Object.entries(bins).filter(([, p]) => !p).map(([b]) => b);
  if (missing.length) throw new Error(`${missing.join(', ')} not installed`);
  const lab = await startUsernsLab(HOSTS, 24).catch((error: Error) => {
    // "unshare --user --net: unshare: unshare failed: No space left on device" → the kernel's word alone.
    throw new Error(`user namespaces refused: ${error.message.split(': ').at(-1)}`);
  });
  try {
    for (const host of Object.keys(HOSTS) as LabHost[]) {
      const p = paths(dir, host);
      mkdirSync(p.dir, { recursive: true });
      const isLb = (LBS as readonly string[]).includes(host);
      writeFileSync(p.birdConf, isLb ? lbBirdConf(host as (typeof LBS)[number]) : workerBirdConf(host as 'worker1'));
      lab.watchPidFile(p.birdPid);
      lab.spawn(host, [bins.bird!, '-f', '-c', p.birdConf, '-s', p.birdSocket, '-P', p.birdPid], `${p.dir}/bird.log`);
      if (!isLb) continue;
      writeFileSync(p.trackFile, '0\n');
      writeFileSync(p.keepalivedConf, keepalivedConf(dir, host as (typeof LBS)[number]));
      lab.watchPidFile(p.kaPid);
      lab.watchPidFile(p.vrrpPid);
      lab.spawn(host, [...keepalivedArgv(bins.keepalived!, dir, host).slice(0, 1), '-n', ...keepalivedArgv(bins.keepalived!, dir, host).slice(1)], `${p.dir}/keepalived.log`, { TMPDIR: p.dir });
    }
    // BIRD's control sockets and keepalived's pid files: the daemons are up (VRRP elects a master a few s later).
    const ready = () => Object.keys(HOSTS).every((h) => existsSync(paths(dir, h as LabHost).birdSocket)) && LBS.every((lb) => existsSync(paths(dir, lb).vrrpPid));
    for (let i = 0; i < 100 && !ready(); i += 1) await sleep(50);
    if (!ready()) throw new Error(`keepalived or BIRD did not start (logs in ${dir})`);
  } catch (error) {
    await lab.stop();
    throw error;
  }
  const runners = new Map(LBS.map((lb) => [lb, nsenterRunner(lab.hostPid(lb), `userns ${lb}`)]));
  return {
    replayedBecause: null,
    declarations: failoverDeclarations(dir, bins.keepalived!),
    runnerFor: (lb) => runners.get(lb.name as (typeof LBS)[number]) ?? nsenterRunner(lab.hostPid(lb.name), `userns ${lb.name}`),
    lab,
    stop: () => lab.stop(),
  };
}

/** Live where it can be, the replay where not; `forceReplay` (LBTOP_DEMO_REPLAY) skips the attempt. */
export async function startDemoFailover(dir: string, options: { forceReplay?: string } = {}): Promise<DemoFailover> {
  if (options.forceReplay) return replayedFailover(options.forceReplay);
  try {
    return await startLive(dir);
  } catch (error) {
    return replayedFailover(String((error as Error).message ?? error).split('\n')[0]!);
  }
}
