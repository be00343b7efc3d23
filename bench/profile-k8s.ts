// Profiles the fleet runtime's TUI poll cycle in seed 003's lab (issue 13): `npx tsx bench/profile-k8s.ts
// --lbs 200 [--cycles 30] [--out /tmp/x.cpuprofile] [--drain]`. Starts the lab and the delay relay as
// bench/ssh-fleet.ts --shape k8s does, takes every LB's first poll, then records a V8 CPU profile of `--cycles` poll
// cycles only. --drain then drains master1 as the TUI does (the write held against the polls, the full refresh
// behind it, the follow's readings) with the pollers running, and reports the RSS before and at its peak.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { openAuditLog } from '../src/actions/audit-log.js';
import { createNodeService } from '../src/runtime/node-service.js';
import { createFleetRuntime } from '../src/runtime/fleet-runtime.js';
import { buildFleet } from '../src/store/selectors.js';
import { Cleanup } from './lib/cleanup.js';
import { startDelayProxy } from './lib/delay-proxy.js';
import { startK8sFleetLab } from './lib/fleet-k8s-lab.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const lbs = Number(arg('lbs', '200'));
const cycles = Number(arg('cycles', '30'));
const out = arg('out', '');
const log = (line: string) => process.stderr.write(`${line}\n`);
process.setMaxListeners(0);
const cleanup = new Cleanup();
cleanup.installSignalHandlers(log);
try {
  const lab = await startK8sFleetLab({ lbs, lbsPerHost: 10, log });
  cleanup.add('lab', () => lab.close());
  const proxy = await startDelayProxy(lab.hosts.map((h) => ({ host: lab.ssh.lab.host(h).address, port: 22 })), 5);
  cleanup.add('relay', () => proxy.stop());
  const sshConfig = path.join(lab.ssh.lab.dir, 'ssh_config.delayed');
  const relays = lab.hosts.map((h) => {
    const address = lab.ssh.lab.host(h).address;
    return `Host ${h}\n  HostName 127.0.0.1\n  Port ${proxy.ports.get(`${address}:22`)}\n  HostKeyAlias ${address}\n`;
  });
  writeFileSync(sshConfig, `${relays.join('')}\n${readFileSync(lab.ssh.configFile, 'utf8')}`);
  const runtime = createFleetRuntime(lab.config(sshConfig), { ssh: lab.ssh.pool() });
  cleanup.add('runtime', () => runtime.stop());
  for (let i = 0; i < 5; i++) await runtime.refresh(undefined, { full: false });
  const failing = [...runtime.store.getState().lbs.values()].filter((s) => !s.health.ok);
  if (failing.length) throw new Error(`${failing.length} LBs failing: ${failing[0]!.health.error}`);
  runtime.focus(new Set(['api-backend']));
  const session = new Session();
  session.connect();
  if (out) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < cycles; i++) {
    const before = process.cpuUsage();
    const t0 = performance.now();
    await runtime.refresh(undefined, { full: false });
    times.push(performance.now() - t0);
    const used = process.cpuUsage(before);
    cpus.push((used.user + used.system) / 1000);
  }
  if (out) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  if (process.argv.includes('--drain')) await drain(runtime, lab.config(sshConfig), lbs);
  log(`${lbs} LBs: cycle ${median(times).toFixed(1)} ms, CPU ${median(cpus).toFixed(1)} ms (medians of ${cycles}); rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
} finally {
  await cleanup.closeAll();
}

/** The TUI's `:node master1` → `y` (src/cli/tui-services.ts afterWrite, runtime/node-service.ts) with the pollers on. */
async function drain(runtime: ReturnType<typeof createFleetRuntime>, config: Parameters<typeof buildFleet>[0], lbs: number) {
  const mb = () => process.memoryUsage().rss / 1e6;
  runtime.start();
  await new Promise((r) => setTimeout(r, 5000));
  (globalThis as { gc?: () => void }).gc?.();
  log(`heap live before: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  const steady = mb();
  let peak = steady;
  const sampler = setInterval(() => (peak = Math.max(peak, mb())), 10);
  const audit = openAuditLog(null);
  const node = createNodeService(runtime.hosts, runtime, audit, { drainIntervalMs: 1000 });
  const done = new Promise<void>((resolve) => node.nodeProgress.subscribe((u) => u.progress.done && resolve()));
  const t0 = performance.now();
  const plan = node.planNode(buildFleet(config, runtime.store.getState().lbs), { node: 'master1', action: 'drain' });
  const report = await runtime.hold(node.applyNode(plan));
  void runtime.refresh();
  await done;
  const drained = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 3000));
  clearInterval(sampler);
  node.stop();
  await Promise.all([...runtime.clients.values()].map((c) => c.send('set server api-backend/master1 state ready')));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const live = gc ? `, ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB of heap live after a GC` : '';
  log(`${lbs} LBs: drain ${report.ok ? 'ok' : 'FAILED'} in ${drained.toFixed(0)} ms; RSS ${steady.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${mb().toFixed(0)} MB after${live}`);
}
