// `lbtop demo` / `npm start`: a real local HAProxy lab when haproxy is installed, otherwise (or when the lab
// cannot start) a replay of recorded fixtures, said plainly in the header with the reason. The replay runs
// read-only: there is nothing to write to.
// Beside the HAProxy lab, keepalived and BIRD for lb-0/lb-1 in user namespaces (src/lab/userns), root or not, or
// their recorded outputs where they cannot start; the header says which, and why. lbtop reaches those hosts
// through the Demo's runnerFor (nsenter into their namespaces), handed to the fleet's hosts (hosts.ts), not through
// a config field: an operator's LBs are local or `ssh:`, and nothing in lbtop.yaml should exist only for the demo.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../package-root.js';
import { loadConfig, formatIssues } from '../config/index.js';
import { startDemoLab } from '../lab/demo-lab.js';
import { replayedFailover, startDemoFailover, type DemoFailover } from '../lab/userns/demo-failover.js';
import { declareFailover } from '../lab/userns/declare-yaml.js';
import { startFleetDemoLab } from '../lab/fleet-demo-lab.js';
import { prepareReplayDir } from '../lab/replay-dir.js';
import { namespaceLabMode, type LabProbe } from '../lab/netns/preflight.js';
import { haproxyAvailable } from '../lab/haproxy-process.js';
import type { LbtopConfig } from '../model/config.js';
import { replayApi } from '../transport/replay.js';
import type { RunnerFactory } from '../runtime/hosts.js';
import { demoHint } from './demo-hint.js';
import { createFleetRuntime, type FleetRuntime } from '../runtime/fleet-runtime.js';

export interface Demo {
  config: LbtopConfig;
  runtime: FleetRuntime;
  banner: string;
  /** How the failover runtime reaches the demo's keepalived/BIRD hosts (in user namespaces, or a replay). */
  runnerFor?: RunnerFactory;
  /** The first screen's "try this first" (demo-hint.ts). */
  hint: string;
  /** The demo's audit log, in its own directory: HISTORY shows what was done in this demo, never the operator's LBs. */
  auditPath: string;
  stop(): Promise<void>;
}

const FIXTURES = packagePath('fixtures', 'demo');

function load(text: string, file: string, overrides: Partial<LbtopConfig>): LbtopConfig {
  const { config, issues } = loadConfig(text, file);
  if (!config) throw new Error(`demo config is invalid:\n${formatIssues(issues, file).join('\n')}`);
  return { ...config, ...overrides };
}

export async function startDemo(flags: LbtopConfig, env: NodeJS.ProcessEnv = process.env): Promise<Demo> {
  const overrides = { readOnly: flags.readOnly, theme: flags.theme };
  const forced = env.LBTOP_DEMO_REPLAY === '1';
  let why = forced ? 'LBTOP_DEMO_REPLAY=1' : 'haproxy not installed';
  if (!forced && haproxyAvailable()) {
    const lab = await startDemoLab().catch((error: unknown) => {
      // e.g. no `openssl` for the certificates: the recording still shows every view, and the banner says why.
      why = `the live lab did not start: ${String((error as Error).message ?? error).split('\n')[0]}`;
      return null;
    });
    if (lab) {
      let failover: DemoFailover | null = null;
      const stop = async () => {
        await failover?.stop();
        await lab.stop();
      };
      try {
        // keepalived + BIRD in user namespaces beside the HAProxy lab; declared in its lbtop.yaml like any LB's.
        failover = await startDemoFailover(path.join(lab.dir, 'failover'));
        writeFileSync(lab.configPath, declareFailover(readFileSync(lab.configPath, 'utf8'), failover.declarations));
        const config = load(readFileSync(lab.configPath, 'utf8'), lab.configPath, overrides);
        // The replay and its reason first: a narrow terminal cuts the header's end.
        const banner = failover.replayedBecause
          ? `DEMO: VIPS/BGP REPLAYED read-only (${failover.replayedBecause}); live HAProxy lab in ${lab.dir}`
          : `DEMO: live HAProxy lab in ${lab.dir} · keepalived + BIRD in user namespaces`;
        const hint = demoHint(config, { live: true, maps: true });
        return { config, runtime: createFleetRuntime(config, { stackRunner: failover.runnerFor }), banner, hint, runnerFor: failover.runnerFor, auditPath: path.join(lab.dir, 'audit.jsonl'), stop };
      } catch (error) {
        await stop();
        throw error;
      }
    }
  }
  // The recorded haproxy.cfg and maps go to a temp dir (replay-dir.ts), so DRIFT and :trace read real files.
  const files = prepareReplayDir(FIXTURES);
  try {
    const failover = replayedFailover(why);
    const config = load(declareFailover(files.configText, failover.declarations), path.join(FIXTURES, 'lbtop.yaml'), { ...overrides, readOnly: true });
    const replay = { root: files.dir, ...(files.recordedAt === undefined ? {} : { recordedAt: files.recordedAt }) };
    const runtime = createFleetRuntime(config, { clientFor: (lb) => replayApi(FIXTURES, lb.name, Date.now, replay), stackRunner: failover.runnerFor });
    const hint = demoHint(config, { live: false, maps: true });
    return { config, runtime, banner: `DEMO REPLAY: recorded fixtures, ${why} (read-only)`, hint, runnerFor: failover.runnerFor, auditPath: path.join(files.dir, 'audit.jsonl'), stop: async () => files.stop() };
  } catch (error) {
    files.stop();
    throw error;
  }
}

/** `demo --fleet` cannot run here: one line saying why, and the demo that can. */
export class DemoRefused extends Error {}

const INSTEAD = 'run plain `lbtop demo` (npm start) instead';

/**
 * `lbtop demo --fleet N`: the namespace fleet lab (sshd + HAProxy per LB, keepalived and BIRD), polled over SSH
 * like a real fleet. With root in the host's network namespaces; without, in a user namespace of its own.
 */
export async function startFleetDemo(flags: LbtopConfig, lbs: number, options: { probe?: LabProbe; starting?: () => void } = {}): Promise<Demo> {
  const verdict = namespaceLabMode(options.probe);
  if ('refused' in verdict) throw new DemoRefused(`demo --fleet ${verdict.refused}; ${INSTEAD}`);
  const userns = verdict.mode === 'userns';
  options.starting?.(); // a few seconds pass before the first screen
  let lab;
  try {
    lab = await startFleetDemoLab({ lbs, userns });
  } catch (error) {
    // e.g. a container without CAP_NET_ADMIN: `ip netns add` fails although we are root.
    const first = String((error as Error).message ?? error).split('\n')[0];
    throw new DemoRefused(`demo --fleet could not build the namespace lab (${first}); ${INSTEAD}`);
  }
  try {
    const config = load(readFileSync(lab.configPath, 'utf8'), lab.configPath, { readOnly: flags.readOnly, theme: flags.theme });
    const where = userns ? 'in a user namespace, no root' : 'in netns';
    const banner = `DEMO: namespace fleet lab over SSH, ${lbs} LBs (sshd + HAProxy + keepalived/BIRD ${where}) in ${lab.dir}`;
    return { config, runtime: createFleetRuntime(config), banner, hint: demoHint(config, { live: true, maps: false }), auditPath: path.join(lab.dir, 'audit.jsonl'), stop: lab.stop };
  } catch (error) {
    await lab.stop();
    throw error;
  }
}
