// Node drain end to end on two LBs over real sshd: live HTTP sessions through both HAProxys, the plan over every
// (LB, backend, server), the fan-out apply, the progress reaching zero as the sessions finish, `ready` restoring
// the exact prior states (one server was in maint before), and a partial failure rolled back host by host.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlanFanout, rollbackFanout } from '../../src/actions/apply-fanout.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planNode } from '../../src/actions/node-plan.js';
import { drainTargets, waitForDrain, type DrainProgress } from '../../src/actions/node-wait.js';
import { runNodeCommand } from '../../src/subcommands/node-command.js';
import { createNodeService } from '../../src/runtime/node-service.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../src/store/selectors.js';
import { get, startFleetLab, type FleetLab } from '../../src/lab/netns/fleet-lab.js';
import { previewText } from '../../src/present/confirmation.js';

describe('node drain over SSH on two LBs', () => {
  let lab: FleetLab;
  let runtime: FleetRuntime;
  const audit = openAuditLog(null);
  let nodeDir: string;
  const fleet = async () => {
    await runtime.refresh();
    return buildFleet({ clusters: [] }, runtime.store.getState().lbs);
  };
  const admin = async (lb: string, ref: string) => {
    const reply = await runtime.clients.get(lb)!.send(`show servers state ${ref.split('/')[0]}`);
    const line = reply.split('\n').find((l) => l.split(' ')[3] === ref.split('/')[1])!;
    return Number(line.split(' ')[6]); // srv_admin_state bits
  };

  beforeAll(async () => {
    // node2 is also `node2-backup` in be_backup (same address and port): one machine under two names.
    lab = await startFleetLab({ lbs: 2, nodes: 2, backups: ['node2'] });
    runtime = createFleetRuntime(lab.config(), { ssh: lab.ssh.pool() });
    nodeDir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-nodes-'));
  }, 60_000);
  afterAll(async () => {
    runtime?.stop();
    await lab?.close();
    rmSync(nodeDir, { recursive: true, force: true });
  });

  it('drains node1 in every backend of both LBs while its sessions finish, and progress reaches zero', async () => {
    // 4 long requests per LB: round robin gives node1 two on each. They last 6 s, so that a loaded machine still
    // sees them all in flight before the plan is made (2.5 s was not always enough over SSH on a busy CI host).
    const requests = lab.lbs.flatMap((lb) => Array.from({ length: 4 }, () => get(lab.url(lb, '/?hold=6000'))));
    let before = await fleet();
    for (let i = 0; i < 100 && !lab.lbs.every((lb) => (before.clusters.flatMap((c) => c.backends).find((b) => b.name === 'be_http')!.servers[0]!.perLb[lb]!.row.scur ?? 0) >= 2); i++) {
      await new Promise((r) => setTimeout(r, 50));
      before = await fleet();
    }
    const plan = planNode(before, { node: 'node1', action: 'drain' });
    expect(plan.commands.map((c) => `${c.lb} ${c.command}`).sort()).toEqual([
      'lb1 set server be_api/node1 state drain',
      'lb1 set server be_http/node1 state drain',
      'lb2 set server be_api/node1 state drain',
      'lb2 set server be_http/node1 state drain',
    ]);
    expect(plan.rollback.map((c) => c.command.replace(/^.* state /, ''))).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(plan.changes.filter((c) => c.backend === 'be_http').map((c) => c.sessions)).toEqual([2, 2]);
    expect(previewText(plan)).toMatch(/lb1\s+be_http\/node1\s+ready\s+drain\s+2\s/);

    const report = await applyPlanFanout(plan, { clients: runtime.clients, audit });
    expect(report.outcomes.map((o) => `${o.lb} ${o.status}`).sort()).toEqual(['lb1 verified', 'lb2 verified']);

    const seen: DrainProgress[] = [];
    const last = await waitForDrain(runtime.clients, drainTargets(plan), { timeoutMs: 15_000, intervalMs: 200, onProgress: (p) => seen.push(p) });
    expect(seen[0]!.left).toBeGreaterThan(0);
    expect(last.done).toBe(true);
    expect(last.left).toBe(0);
    // The sessions were not cut: every request finished with its answer.
    expect((await Promise.all(requests)).sort()).toEqual(['node1', 'node1', 'node1', 'node1', 'node2', 'node2', 'node2', 'node2']);
    // New sessions avoid node1 on both LBs.
    const after = await Promise.all(lab.lbs.flatMap((lb) => [1, 2, 3, 4].map(() => get(lab.url(lb, '/')))));
    expect(new Set(after)).toEqual(new Set(['node2']));
  }, 40_000);

  it('`node maint` keeps the first prior states, `node ready` restores them exactly (a maint from before stays)', async () => {
    // Back to a clean start, then lb2's be_api/node2 goes to maint by hand, "before" the operator's drain.
    await runtime.clients.get('lb1')!.send('set server be_http/node1 state ready');
    await runtime.clients.get('lb1')!.send('set server be_api/node1 state ready');
    await runtime.clients.get('lb2')!.send('set server be_http/node1 state ready');
    await runtime.clients.get('lb2')!.send('set server be_api/node1 state ready');
    await runtime.clients.get('lb2')!.send('set server be_api/node2 state maint');
    const out: string[] = [];
    const io = { node: createNodeService(runtime.hosts, runtime, audit, { nodeDir }), out: (t: string) => out.push(t), err: () => undefined, confirm: async () => false };
    const run = (action: 'drain' | 'maint' | 'ready', node: string) =>
      runNodeCommand({ kind: 'node', action, node, wait: action === 'drain', timeoutSec: 10, dryRun: false, yes: true, json: false }, lab.config(), runtime, io);

    expect(await run('drain', 'node2')).toBe(0);
    expect(out.join('')).toMatch(/lb2: be_api\/node2 is already in maintenance; left as is/);
    expect(out.join('')).toMatch(/Drained: no sessions or queue left on node2/);
    expect(await run('maint', 'node2')).toBe(0);
    for (const lb of lab.lbs) for (const be of ['be_http', 'be_api']) expect((await admin(lb, `${be}/node2`)) & 1).toBe(1);
    out.length = 0;
    expect(await run('ready', 'node2')).toBe(0);
    expect(out.join('')).toMatch(/restoring the states saved at/);
    expect([await admin('lb1', 'be_http/node2'), await admin('lb1', 'be_api/node2'), await admin('lb2', 'be_http/node2')]).toEqual([0, 0, 0]);
    expect((await admin('lb2', 'be_api/node2')) & 1).toBe(1); // FMAINT, as before the drain
    await runtime.clients.get('lb2')!.send('set server be_api/node2 state ready');
  }, 40_000);

  it('a host failing mid-apply is reported as such, and the LB already changed is rolled back', async () => {
    const plan = planNode(await fleet(), { node: 'node1', action: 'maint' });
    lab.ssh.sshd.lb2!.crash();
    try {
      const deps = { clients: runtime.clients, audit };
      // One LB at a time, in plan order: lb1 changes, then lb2 fails.
      const report = await applyPlanFanout(plan, deps, { concurrency: 1 });
      expect(report.outcomes.map((o) => `${o.lb} ${o.status}`)).toEqual(['lb1 verified', 'lb2 failed']);
      expect(report.rollbackOffered).toEqual(['lb1']);
      expect((await admin('lb1', 'be_http/node1')) & 1).toBe(1);
      const undone = await rollbackFanout(report, deps);
      expect(undone.outcomes.map((o) => `${o.lb} ${o.status}`)).toEqual(['lb1 verified']);
      expect(await admin('lb1', 'be_http/node1')).toBe(0);
    } finally {
      await lab.ssh.sshd.lb2!.start();
    }
  }, 40_000);

  it('lbtop snapshot writes state, drift between the two LBs, events and this session\'s audit log', async () => {
    await runtime.clients.get('lb1')!.send('set server be_http/node2 weight 5');
    // lb2's sshd was restarted by the test before: poll until the reconnect backoff is over and it answers.
    for (let i = 0; i < 60; i++) {
      await runtime.refresh();
      if ([...runtime.store.getState().lbs.values()].every((s) => s.health.ok)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const out: string[] = [];
    const file = path.join(nodeDir, 'incident.json');
    const code = await runNodeCommand({ kind: 'snapshot', out: file }, lab.config(), runtime, { node: createNodeService(runtime.hosts, runtime, audit), out: (t) => out.push(t), err: () => undefined, confirm: async () => false });
    expect(code, JSON.stringify([...runtime.store.getState().lbs.values()].map((l) => l.health))).toBe(0);
    expect(out.join('')).toBe(`wrote ${file} and ${path.join(nodeDir, 'incident.txt')}\n`);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.kind).toBe('lbtop-snapshot');
    expect(json.lbs.map((l: { name: string; ok: boolean }) => `${l.name} ${l.ok}`)).toEqual(['lb1 true', 'lb2 true']);
    expect(json.drift.map((d: { text: string }) => d.text)).toEqual(['be_http/node2 weight: lb1 5, lb2 1']);
    expect(json.audit.some((a: { command: string; lb: string }) => a.lb === 'lb1' && a.command === 'set server be_http/node1 state maint')).toBe(true);
    expect(json.state.clusters.flatMap((c: { backends: { name: string }[] }) => c.backends.map((b) => b.name))).toEqual(expect.arrayContaining(['be_http', 'be_api']));
    const text = readFileSync(path.join(nodeDir, 'incident.txt'), 'utf8');
    expect(text).toMatch(/Drift between LBs \(1\):\n  \[lb1\+lb2\] be_http\/node2 weight: lb1 5, lb2 1/);
    expect(text).toMatch(/Audit log of this session \(\d+\):/);
    expect(text).toMatch(/lb1  reply  set server be_http\/node1 state maint  → \(ok\)/);
  }, 30_000);

  it('draining node2 by name includes node2-backup (its address, another name, another backend) on both LBs; ready restores it', async () => {
    for (const lb of lab.lbs) for (const be of ['be_http', 'be_api']) await runtime.clients.get(lb)!.send(`set server ${be}/node2 state ready`);
    const plan = planNode(await fleet(), { node: 'node2', action: 'drain' });
    expect(plan.commands.map((c) => `${c.lb} ${c.command}`).sort()).toEqual([
      'lb1 set server be_api/node2 state drain',
      'lb1 set server be_backup/node2-backup state drain',
      'lb1 set server be_http/node2 state drain',
      'lb2 set server be_api/node2 state drain',
      'lb2 set server be_backup/node2-backup state drain',
      'lb2 set server be_http/node2 state drain',
    ]);
    const address = lab.nodes[1]!.address;
    expect(previewText(plan)).toContain(`node = machine ${address} (the address of the servers named node2): 6 server(s) at that address, named node2, node2-backup`);
    const out: string[] = [];
    const io = { node: createNodeService(runtime.hosts, runtime, audit, { nodeDir }), out: (t: string) => out.push(t), err: () => undefined, confirm: async () => false };
    const run = (action: 'drain' | 'ready') => runNodeCommand({ kind: 'node', action, node: 'node2', wait: false, timeoutSec: 10, dryRun: false, yes: true, json: false }, lab.config(), runtime, io);
    expect(await run('drain')).toBe(0);
    for (const lb of lab.lbs) expect((await admin(lb, 'be_backup/node2-backup')) & 8, `${lb} be_backup/node2-backup FDRAIN`).toBe(8);
    expect(await run('ready')).toBe(0);
    for (const lb of lab.lbs) for (const ref of ['be_backup/node2-backup', 'be_http/node2', 'be_api/node2']) expect(await admin(lb, ref), `${lb} ${ref}`).toBe(0);
  }, 40_000);
});
