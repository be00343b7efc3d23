// Fleet over SSH (issue 3): refresh-cycle time and lbtop CPU for 1, 10 and 50 LBs, each a namespace with a real
// sshd and a real HAProxy of 1,000 servers, and the time for a node drain to be applied (and verified) on all of
// them. Run alone (it starts up to 50 sshd + 50 HAProxy): `npx tsx bench/ssh-fleet.ts [--sizes 1,10,50]
// [--cycles 9] [--drains 5] [--delay-ms 10]`. --delay-ms puts that one-way delay on every LB's link (through a
// relay process on loopback, lib/delay-proxy.ts: this kernel has no netem), a bastion-to-LB network instead of a
// veth with no latency, where per-LB work is all CPU. Needs root (namespaces). Prints medians and writes
// bench/results/ssh-fleet-*.json.
//
// `--shape k8s` measures seed 003's fleet instead (issue 13: hundreds of LBs of 3 health-checked servers, several
// per sshd host, lib/fleet-k8s-bench.ts): `npx tsx bench/ssh-fleet.ts --shape k8s [--sizes 1,50,200,500]
// [--lbs-per-host 10] [--delay-ms 5] [--tui-drains 3] [--no-tui]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPlanFanout } from '../src/actions/apply-fanout.js';
import { openAuditLog } from '../src/actions/audit-log.js';
import { planNode } from '../src/actions/node-plan.js';
import { createFleetRuntime } from '../src/runtime/fleet-runtime.js';
import { buildFleet } from '../src/store/selectors.js';
import { startFleetLab, type FleetLab } from '../src/lab/netns/fleet-lab.js';
import { startDelayProxy, type DelayProxy } from './lib/delay-proxy.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const shape = arg('shape', '1000-servers');
const sizes = arg('sizes', shape === 'k8s' ? '1,50,200,500' : '1,10,50').split(',').map(Number);
const cycles = Number(arg('cycles', '9'));
const drains = Number(arg('drains', '5'));
const delayMs = Number(arg('delay-ms', shape === 'k8s' ? '5' : '0'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const log = (line: string) => process.stderr.write(`${line}\n`);

// Every lab host adds exit handlers (namespaces, HAProxy): 50 LBs are more than Node's default warning limit.
process.setMaxListeners(0);

interface Row { lbs: number; servers: number; coldStartMs: number; firstPollFailures: number; cycleMs: number; cpuMsPerCycle: number; tuiCycleMs: number; tuiCpuMsPerCycle: number; drainMs: number; cycleSamples: number[]; tuiSamples: number[]; drainSamples: number[] }

async function measure(lbs: number): Promise<Row> {
  // 2 nodes in 2 backends (4 server lines) + 996 disabled fillers = 1,000 servers per LB.
  const lab = await startFleetLab({ lbs, nodes: 2, extraServers: 996 });
  const proxy = delayMs > 0 ? await startDelayProxy(lab.lbs.map((lb) => ({ host: lab.ssh.lab.host(lb).address, port: 22 })), delayMs) : null;
  const sshConfig = proxy ? delayedSshConfig(lab, proxy) : lab.ssh.configFile;
  const config = lab.config((lb) => ({ ...lb, ssh: { ...lb.ssh!, config: sshConfig } }));
  const runtime = createFleetRuntime(config, { ssh: lab.ssh.pool() });
  try {
    // Cold start: ssh -G, known_hosts lookups and a handshake per host, until every LB has answered once. A poll
    // gives up after the LB's timeout while its handshake carries on, so this may take several refreshes.
    const coldStart = performance.now();
    let failing = [...runtime.store.getState().lbs.values()];
    let firstPollFailures = -1;
    for (let i = 0; i < 30 && failing.length > 0; i++) {
      await runtime.refresh();
      failing = [...runtime.store.getState().lbs.values()].filter((s) => !s.health.ok);
      // A first handshake has its own deadline (SshConnection.connected): every LB should answer its first poll.
      if (i === 0) firstPollFailures = failing.length;
    }
    const coldStartMs = performance.now() - coldStart;
    if (failing.length) throw new Error(`not all LBs answered: ${failing.map((s) => `${s.health.name}: ${s.health.error}`).join('; ')}`);
    const cycleSamples: number[] = [];
    const cpuSamples: number[] = [];
    const measureCycles = async (full: boolean, samples: number[], cpu: number[]) => {
      for (let i = 0; i < cycles; i++) {
        const before = process.cpuUsage();
        const t0 = performance.now();
        await runtime.refresh(undefined, { full });
        samples.push(performance.now() - t0);
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
      }
    };
    // A full refresh: every row of every LB (what a subcommand or the refresh after a write reads).
    await measureCycles(true, cycleSamples, cpuSamples);
    // The TUI's poll cycle: the screen shows be_http, so the pollers read the proxies and be_http's servers,
    // and everything on one poll in FULL_READ_SECONDS (src/sources/haproxy/focused-stat.ts).
    runtime.focus(new Set(['be_http']));
    const tuiSamples: number[] = [];
    const tuiCpu: number[] = [];
    await measureCycles(false, tuiSamples, tuiCpu);
    const audit = openAuditLog(null);
    const drainSamples: number[] = [];
    for (let i = 0; i < drains; i++) {
      const fleet = buildFleet({ clusters: [] }, runtime.store.getState().lbs);
      const plan = planNode(fleet, { node: 'node1', action: 'drain' });
      const t0 = performance.now();
      const report = await applyPlanFanout(plan, { clients: runtime.clients, audit });
      drainSamples.push(performance.now() - t0);
      if (!report.ok) throw new Error(`drain failed: ${JSON.stringify(report.outcomes.filter((o) => o.status !== 'verified'))}`);
      await applyPlanFanout({ ...plan, id: `${plan.id}-back`, commands: plan.rollback, rollback: [] }, { clients: runtime.clients, audit });
      await runtime.refresh();
    }
    return { lbs, servers: 1000, coldStartMs, firstPollFailures, cycleMs: median(cycleSamples), cpuMsPerCycle: median(cpuSamples), tuiCycleMs: median(tuiSamples), tuiCpuMsPerCycle: median(tuiCpu), drainMs: median(drainSamples), cycleSamples, tuiSamples, drainSamples };
  } finally {
    runtime.stop();
    await proxy?.stop();
    await lab.close();
  }
}

/** The lab's ssh_config with each LB reached through its relay; host keys still checked under the LB's address. */
function delayedSshConfig(lab: FleetLab, proxy: DelayProxy): string {
  const file = path.join(lab.ssh.lab.dir, 'ssh_config.delayed');
  // ssh_config takes the first value it meets for a key: these blocks come before the lab's own.
  const relays = lab.lbs.map((lb) => {
    const address = lab.ssh.lab.host(lb).address;
    return `Host ${lb}\n  HostName 127.0.0.1\n  Port ${proxy.ports.get(`${address}:22`)}\n  HostKeyAlias ${address}\n`;
  });
  writeFileSync(file, `${relays.join('')}\n${readFileSync(lab.ssh.configFile, 'utf8')}`);
  return file;
}

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
if (shape === 'k8s') {
  const { runK8sFleet } = await import('./lib/fleet-k8s-bench.js');
  await runK8sFleet({ sizes, lbsPerHost: Number(arg('lbs-per-host', '10')), cycles, drains, tuiDrains: Number(arg('tui-drains', '3')), delayMs, tui: !process.argv.includes('--no-tui'), log }, resultsDir);
  process.exit(0);
}

const rows: Row[] = [];
for (const n of sizes) {
  log(`${n} LB(s): starting the lab…`);
  rows.push(await measure(n));
  const r = rows[rows.length - 1]!;
  log(`${n} LB(s): cold start ${r.coldStartMs.toFixed(0)} ms (${r.firstPollFailures} failed first poll), full cycle ${r.cycleMs.toFixed(1)} ms (CPU ${r.cpuMsPerCycle.toFixed(1)} ms), TUI cycle ${r.tuiCycleMs.toFixed(1)} ms (CPU ${r.tuiCpuMsPerCycle.toFixed(1)} ms), drain ${r.drainMs.toFixed(1)} ms`);
}
const base = rows[0]!;
const table = [
  '| LBs | servers/LB | cold start (all answered) | failed first polls | full refresh (median) | CPU per full refresh | TUI poll cycle (median) | CPU per TUI cycle | node drain applied+verified (median) | full vs 1 LB | TUI cycle vs 1 LB | drain vs 1 LB |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.lbs} | ${r.servers} | ${r.coldStartMs.toFixed(0)} ms | ${r.firstPollFailures} | ${r.cycleMs.toFixed(1)} ms | ${r.cpuMsPerCycle.toFixed(1)} ms | ${r.tuiCycleMs.toFixed(1)} ms | ${r.tuiCpuMsPerCycle.toFixed(1)} ms | ${r.drainMs.toFixed(1)} ms | ${(r.cycleMs / base.cycleMs).toFixed(2)}× | ${(r.tuiCycleMs / base.tuiCycleMs).toFixed(2)}× | ${(r.drainMs / base.drainMs).toFixed(2)}× |`),
].join('\n');
process.stdout.write(`link delay ${delayMs} ms each way; ${cycles} cycles, ${drains} drains per size\n${table}\n`);
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, `ssh-fleet-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ cycles, drains, delayMs, rows }, null, 2));
