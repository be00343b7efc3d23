// `bench/ssh-fleet.ts --shape k8s` (issue 13): seed 003's fleet (fleet-k8s-lab.ts) at each size, every sshd
// behind the delay relay. Per size: the fleet runtime in this process (cold start, the TUI's poll cycle, a node
// drain of master1 planned + applied + verified on every LB), then the real bin/lbtop in tmux (fleet-k8s-tui.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyPlanFanout } from '../../src/actions/apply-fanout.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planNode } from '../../src/actions/node-plan.js';
import { createFleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../src/store/selectors.js';
import { Cleanup } from './cleanup.js';
import { startDelayProxy, type DelayProxy } from './delay-proxy.js';
import { startK8sFleetLab, type K8sFleetLab } from './fleet-k8s-lab.js';
import { measureTui, type TuiResult } from './fleet-k8s-tui.js';

export interface K8sOptions {
  sizes: number[];
  lbsPerHost: number;
  cycles: number;
  drains: number;
  tuiDrains: number;
  delayMs: number;
  tui: boolean;
  log: (line: string) => void;
}

export interface K8sRow {
  lbs: number;
  hosts: number;
  sshConnections: number;
  coldStartMs: number;
  firstPollFailures: number;
  tuiCycleMs: number;
  tuiCpuMsPerCycle: number;
  drainMs: number;
  cycleSamples: number[];
  drainSamples: number[];
  tui: TuiResult | null;
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : NaN);

async function measure(lbs: number, o: K8sOptions, cleanup: Cleanup): Promise<K8sRow> {
  const lab: K8sFleetLab = await startK8sFleetLab({ lbs, lbsPerHost: o.lbsPerHost, log: o.log });
  const closeLab = cleanup.add('fleet lab', () => lab.close());
  const proxy: DelayProxy = await startDelayProxy(lab.hosts.map((h) => ({ host: lab.ssh.lab.host(h).address, port: 22 })), o.delayMs);
  const closeProxy = cleanup.add('delay relay', () => proxy.stop());
  try {
    // lbtop reaches each host through its relay; host keys are still checked under the host's address.
    const sshConfig = path.join(lab.ssh.lab.dir, 'ssh_config.delayed');
    const relays = lab.hosts.map((h) => {
      const address = lab.ssh.lab.host(h).address;
      return `Host ${h}\n  HostName 127.0.0.1\n  Port ${proxy.ports.get(`${address}:22`)}\n  HostKeyAlias ${address}\n`;
    });
    writeFileSync(sshConfig, `${relays.join('')}\n${readFileSync(lab.ssh.configFile, 'utf8')}`);
    o.log(`${lbs} LB(s) on ${lab.hosts.length} sshd host(s): lab up`);
    const runtime = createFleetRuntime(lab.config(sshConfig), { ssh: lab.ssh.pool() });
    let row: Omit<K8sRow, 'tui'>;
    try {
      const coldStart = performance.now();
      let failing = [...runtime.store.getState().lbs.values()];
      let firstPollFailures = -1;
      for (let i = 0; i < 30 && failing.length > 0; i++) {
        await runtime.refresh(undefined, { full: false });
        failing = [...runtime.store.getState().lbs.values()].filter((s) => !s.health.ok);
        if (i === 0) firstPollFailures = failing.length;
      }
      const coldStartMs = performance.now() - coldStart;
      if (failing.length) throw new Error(`not all LBs answered: ${failing.slice(0, 5).map((s) => `${s.health.name}: ${s.health.error}`).join('; ')}`);
      runtime.focus(new Set(['api-backend']));
      const cycleSamples: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < o.cycles; i++) {
        const before = process.cpuUsage();
        const t0 = performance.now();
        await runtime.refresh(undefined, { full: false });
        cycleSamples.push(performance.now() - t0);
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
      }
      const audit = openAuditLog(null);
      const drainSamples: number[] = [];
      for (let i = 0; i < o.drains; i++) {
        const t0 = performance.now();
        const fleet = buildFleet({ clusters: [] }, runtime.store.getState().lbs);
        const plan = planNode(fleet, { node: 'master1', action: 'drain' });
        const report = await applyPlanFanout(plan, { clients: runtime.clients, audit });
        drainSamples.push(performance.now() - t0);
        if (!report.ok) throw new Error(`drain failed: ${JSON.stringify(report.outcomes.filter((x) => x.status !== 'verified').slice(0, 3))}`);
        if (report.outcomes.length !== lbs) throw new Error(`drain reached ${report.outcomes.length} of ${lbs} LBs`);
        await applyPlanFanout({ ...plan, id: `${plan.id}-back`, commands: plan.rollback, rollback: [] }, { clients: runtime.clients, audit });
        await runtime.refresh();
      }
      row = { lbs, hosts: lab.hosts.length, sshConnections: runtime.ssh?.all().length ?? 0, coldStartMs, firstPollFailures, tuiCycleMs: median(cycleSamples), tuiCpuMsPerCycle: median(cpu), drainMs: median(drainSamples), cycleSamples, drainSamples };
      o.log(`  runtime: cold start ${coldStartMs.toFixed(0)} ms (${firstPollFailures} failed first poll), TUI cycle ${row.tuiCycleMs.toFixed(1)} ms (CPU ${row.tuiCpuMsPerCycle.toFixed(1)} ms), drain ${row.drainMs.toFixed(0)} ms, ${row.sshConnections} SSH connection(s)`);
    } finally {
      runtime.stop();
    }
    const tui = o.tui
      ? await measureTui({ yaml: lab.writeYaml(path.join(lab.ssh.lab.dir, 'lbtop.yaml'), sshConfig), lbs, sockets: lab.lbs.map((lb) => lb.socket), stateDir: path.join(lab.ssh.lab.dir, 'state'), drains: o.tuiDrains, settleSeconds: 5, log: o.log })
      : null;
    return { ...row, tui };
  } finally {
    await closeProxy();
    await closeLab();
  }
}

export async function runK8sFleet(o: K8sOptions, resultsDir: string): Promise<void> {
  const cleanup = new Cleanup();
  cleanup.installSignalHandlers(o.log);
  const rows: K8sRow[] = [];
  for (const n of o.sizes) {
    try {
      rows.push(await measure(n, o, cleanup));
    } catch (error) {
      o.log(`${n} LB(s) failed: ${(error as Error).stack ?? String(error)}`);
    }
    process.stderr.write(`${table(rows, o)}\n`); // so far: a failure later keeps what was measured
  }
  process.stdout.write(`${table(rows, o)}\n`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, `ssh-fleet-k8s-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ options: { ...o, log: undefined }, rows }, null, 2));
  await cleanup.closeAll();
}

function table(rows: K8sRow[], o: K8sOptions): string {
  if (rows.length === 0) return '(nothing measured)';
  const base = rows.find((r) => r.lbs === 1) ?? rows[0]!;
  const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(0)} ms`);
  return [
    `one-way delay ${o.delayMs} ms, ${o.lbsPerHost} LBs per sshd, ${o.cycles} cycles, ${o.drains} drains (runtime), ${o.tuiDrains} drains (TUI); medians`,
    '| LBs | sshd hosts (SSH conns) | TUI poll cycle | vs 1 LB | CPU per cycle | failed first polls (runtime / TUI) | drain master1 planned+applied+verified | TUI: preview | TUI: y → DRAINED on screen | TUI first complete screen | lbtop RSS (peak) | lbtop CPU % |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.lbs} | ${r.hosts} (${r.sshConnections}) | ${r.tuiCycleMs.toFixed(1)} ms | ${(r.tuiCycleMs / base.tuiCycleMs).toFixed(2)}× | ${r.tuiCpuMsPerCycle.toFixed(1)} ms | ${r.firstPollFailures} / ${r.tui ? r.tui.failedAtStart.length : '–'} | ${ms(r.drainMs)} | ${ms(r.tui ? median(r.tui.planMs) : undefined)} | ${ms(r.tui ? median(r.tui.drainMs) : undefined)} | ${ms(r.tui?.firstScreenMs)} | ${r.tui ? `${r.tui.rssMb.toFixed(0)} (${r.tui.peakMb.toFixed(0)}) MB` : '–'} | ${r.tui ? r.tui.cpuPercent.toFixed(0) : '–'} |`),
  ].join('\n');
}
