// `lbtop demo` / `npm start`: a real local HAProxy lab when haproxy is installed, otherwise a replay of
// recorded fixtures, said plainly in the header. The replay runs read-only: there is nothing to write to.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../package-root.js';
import { loadConfig, formatIssues } from '../config/index.js';
import { startDemoLab } from '../lab/demo-lab.js';
import { startFleetDemoLab } from '../lab/fleet-demo-lab.js';
import { namespaceLabMode, type LabProbe } from '../lab/netns/preflight.js';
import { haproxyAvailable } from '../lab/haproxy-process.js';
import type { LbtopConfig } from '../model/config.js';
import { replayApi } from '../transport/replay.js';
import { createFleetRuntime, type FleetRuntime } from './fleet-runtime.js';

export interface Demo {
  config: LbtopConfig;
  runtime: FleetRuntime;
  banner: string;
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
  if (!forced && haproxyAvailable()) {
    const lab = await startDemoLab();
    const config = load(readFileSync(lab.configPath, 'utf8'), lab.configPath, overrides);
    return { config, runtime: createFleetRuntime(config), banner: `DEMO: live HAProxy lab in ${lab.dir}`, stop: lab.stop };
  }
  const file = path.join(FIXTURES, 'lbtop.yaml');
  const config = load(readFileSync(file, 'utf8'), file, { ...overrides, readOnly: true });
  const runtime = createFleetRuntime(config, { clientFor: (lb) => replayApi(FIXTURES, lb.name) });
  const why = forced ? 'LBTOP_DEMO_REPLAY=1' : 'haproxy not installed';
  return { config, runtime, banner: `DEMO REPLAY: recorded fixtures, ${why} (read-only)`, stop: async () => {} };
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
    return { config, runtime: createFleetRuntime(config), banner, stop: lab.stop };
  } catch (error) {
    await lab.stop();
    throw error;
  }
}
