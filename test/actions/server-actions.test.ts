// Plans, apply, verify and rollback against real HAProxy processes, through the same runtime the TUI uses.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan, rollbackReport } from '../../src/actions/apply.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planServerAdmin, planServerWeight } from '../../src/actions/server-admin.js';
import { loadConfig } from '../../src/config/index.js';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../src/store/selectors.js';
import { previewText } from '../../src/present/confirmation.js';

const CONFIG = (level: string) => `
global
  stats socket @SOCKET@ mode 600 level admin
  stats socket @DIR@/limited.sock mode 600 level ${level}
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend api-front
  bind unix@@DIR@/api.sock
  default_backend api-backend
backend api-backend
  server master1 10.0.42.1:6443 weight 10
  server master2 10.0.42.2:6443 weight 10
  server master3 10.0.42.3:6443 weight 10 disabled
`;

describe('server actions on real HAProxy', () => {
  let dir: string;
  const lbs: HaproxyProcess[] = [];
  let runtime: FleetRuntime;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-actions-'));
    lbs.push(await startHaproxy({ name: 'node1', dir, config: CONFIG('admin') }));
    lbs.push(await startHaproxy({ name: 'node2', dir, config: CONFIG('operator') }));
  });
  afterAll(async () => {
    runtime?.stop();
    await Promise.all(lbs.map((lb) => lb.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  const fleetFor = async (sockets: string[]) => {
    runtime?.stop();
    const yaml = `lbs:\n${sockets.map((s, i) => `  node${i + 1}:\n    haproxy: { socket: ${s} }`).join('\n')}\nclusters:\n  k8s:\n    backends: [api-backend]\n`;
    const { config, issues } = loadConfig(yaml);
    expect(issues).toEqual([]);
    runtime = createFleetRuntime(config!);
    await runtime.refresh();
    return { config: config!, fleet: buildFleet(config!, runtime.store.getState().lbs) };
  };

  it('previews exact commands and sessions, sends nothing until applied, then verifies on every LB', async () => {
    const { fleet } = await fleetFor(lbs.map((lb) => lb.socket));
    const plan = planServerAdmin(fleet, { backend: 'api-backend', server: 'master1', lbs: [] }, 'drain');
    expect(plan.commands).toEqual([
      { lb: 'node1', command: 'set server api-backend/master1 state drain', before: 'ready', expect: 'drain' },
      { lb: 'node2', command: 'set server api-backend/master1 state drain', before: 'ready', expect: 'drain' },
    ]);
    expect(previewText(plan)).toMatch(/node1\s+api-backend\/master1\s+ready\s+drain\s+0\s/);
    expect(await rawCommand(lbs[0]!.socket, 'show servers state api-backend')).toMatch(/ master1 10\.0\.42\.1 \d+ 0 /);

    const audit = openAuditLog(path.join(dir, 'audit.jsonl'));
    const report = await applyPlan(plan, { clients: runtime.clients, audit });
    expect(report.outcomes.map((o) => [o.lb, o.status])).toEqual([['node1', 'verified'], ['node2', 'verified']]);
    for (const lb of lbs) expect(await rawCommand(lb.socket, 'show servers state api-backend')).toMatch(/ master1 10\.0\.42\.1 \d+ 8 /);
    const lines = readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.phase === 'send').map((l) => [l.lb, l.command])).toEqual([
      ['node1', 'set server api-backend/master1 state drain'],
      ['node2', 'set server api-backend/master1 state drain'],
    ]);

    // ready restores it; the rollback of a weight change restores the weight it had.
    await applyPlan(planServerAdmin(fleet, { backend: 'api-backend', server: 'master1', lbs: [] }, 'ready'), { clients: runtime.clients, audit });
    const weight = planServerWeight(fleet, { backend: 'api-backend', server: 'master2', lbs: ['node1'] }, { delta: -10 });
    expect(weight.commands.map((c) => c.command)).toEqual(['set server api-backend/master2 weight 0']);
    expect(weight.rollback.map((c) => c.command)).toEqual(['set server api-backend/master2 weight 10']);
  });

  it('stops at the first failing LB, reports HAProxy\'s message, and rolls back the LBs already changed', async () => {
    // node2 is reached through an operator-level socket: reads work, `set server` is refused.
    const { fleet } = await fleetFor([lbs[0]!.socket, path.join(lbs[1]!.dir, 'limited.sock')]);
    const plan = planServerAdmin(fleet, { backend: 'api-backend', server: 'master2', lbs: [] }, 'maint');
    const deps = { clients: runtime.clients, audit: openAuditLog(null) };
    const report = await applyPlan(plan, deps);
    expect(report.ok).toBe(false);
    expect(report.outcomes[0]).toMatchObject({ lb: 'node1', status: 'verified' });
    expect(report.outcomes[1]).toMatchObject({ lb: 'node2', status: 'failed', error: 'Permission denied' });
    expect(report.rollbackOffered).toEqual(['node1']);
    expect(await rawCommand(lbs[0]!.socket, 'show stat')).toMatch(/^api-backend,master2,(?:[^,]*,){15}MAINT,/m);

    const undone = await rollbackReport(report, deps);
    expect(undone.outcomes).toEqual([expect.objectContaining({ lb: 'node1', status: 'verified' })]);
    expect(await rawCommand(lbs[0]!.socket, 'show stat')).not.toMatch(/^api-backend,master2,(?:[^,]*,){15}MAINT,/m);
  });

  it('keeps config maintenance when asked for ready, and says so in the preview', async () => {
    const { fleet } = await fleetFor([lbs[0]!.socket]);
    const plan = planServerAdmin(fleet, { backend: 'api-backend', server: 'master3', lbs: [] }, 'ready');
    expect(plan.changes[0]).toMatchObject({ from: 'maint', to: 'ready' });
    expect(plan.rollback[0]!.command).toBe('set server api-backend/master3 state maint');
  });

  it('marks an LB stale with its error when HAProxy dies, keeps the last data, and recovers after a restart', async () => {
    const extra = await startHaproxy({ name: 'node3', dir, config: CONFIG('admin') });
    try {
      await fleetFor([extra.socket]);
      const before = runtime.store.getState().lbs.get('node1')!;
      expect(before.health.ok).toBe(true);
      await extra.stop();
      await runtime.refresh();
      const after = runtime.store.getState().lbs.get('node1')!;
      expect(after.health).toMatchObject({ ok: false, stale: true });
      expect(after.health.error).toMatch(/connection refused|does not exist|connection reset/);
      expect(after.snapshot).toBe(before.snapshot);
      const fleet = buildFleet({ clusters: [] }, runtime.store.getState().lbs);
      expect(fleet.clusters[0]!.backends[0]!.servers.map((s) => s.name)).toEqual(['master1', 'master2', 'master3']);
      expect(runtime.store.getState().events.at(-1)).toMatchObject({ kind: 'lb', to: 'unreachable' });
    } finally {
      await extra.stop();
    }
    const restarted = await startHaproxy({ name: 'node3', dir, config: CONFIG('admin') });
    try {
      await runtime.refresh();
      expect(runtime.store.getState().lbs.get('node1')!.health).toMatchObject({ ok: true, stale: false, error: null });
      expect(runtime.store.getState().events.at(-1)).toMatchObject({ kind: 'lb', to: 'reachable' });
    } finally {
      await restarted.stop();
    }
  });

  it('records a reload seen between polls on the timeline and keeps polling', async () => {
    const { fleet } = await fleetFor([lbs[0]!.socket]);
    expect(fleet.lbs[0]!.ok).toBe(true);
    const reloading = lbs[0]!.reload();
    await Promise.allSettled([runtime.refresh(), reloading]);
    const reloadSeen = () => runtime.store.getState().events.some((e) => e.kind === 'lb' && /reloaded/.test(e.detail ?? ''));
    for (let i = 0; i < 30 && !reloadSeen(); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      await runtime.refresh();
    }
    expect(reloadSeen()).toBe(true);
    expect(runtime.store.getState().lbs.get('node1')!.health.ok).toBe(true);
  });
});
