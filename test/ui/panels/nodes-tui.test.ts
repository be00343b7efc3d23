// The NODES panel (K) on the namespace lab of seed 004 (bgp-lab.ts), with lbtop's real services as the composition
// root wires them: the BGP nodes with their pods, Enter lists worker1's pods, N previews the drain in the one
// write dialog (every pod in worker1's /26 on both LBs, each "BGP prefix …"), y drains them on both HAProxys; N on a
// pod row of the fleet table takes its node; read-only removes N.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/actions/apply.js';
import { rollbackFanout } from '../../../src/actions/apply-fanout.js';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { planServerAdmin, planServerWeight } from '../../../src/actions/server-admin.js';
import { rawCommand } from '../../../src/lab/haproxy-process.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { bgpNodesService } from '../../../src/runtime/bgp-nodes-runtime.js';
import { createFleetRuntime, type FleetRuntime } from '../../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../../src/store/selectors.js';
import { createNodeService } from '../../../src/runtime/node-service.js';
import type { AppServices } from '../../../src/ui/services.js';
import { KEYS, renderApp } from '../helpers.js';
import { startBgpLab, type BgpLab } from '../../support/lab/bgp-nodes-lab.js';

let lab: BgpLab;
let dir: string;
const runtimes: FleetRuntime[] = [];
const stops: (() => void)[] = [];

async function servicesFor(config: LbtopConfig): Promise<AppServices> {
  const runtime = createFleetRuntime(config);
  runtimes.push(runtime);
  await runtime.refresh();
  const deps = { clients: runtime.clients, audit: openAuditLog(null) };
  const bgpNodes = bgpNodesService(config, lab.reader(config));
  await bgpNodes.read();
  const node = createNodeService(runtime.hosts, runtime, deps.audit, { nodeDir: path.join(dir, 'nodes'), bgp: bgpNodes, drainIntervalMs: 200, drainTimeoutMs: 2_000 });
  stops.push(() => node.stop());
  return {
    store: runtime.store, config, buildFleet, planServerAdmin, planServerWeight,
    apply: (plan) => (plan.kind === 'node' ? node.applyNode(plan) : applyPlan(plan, deps)),
    rollback: (report) => rollbackFanout(report, deps),
    runRaw: (lb, command) => runtime.clients.get(lb)!.send(command),
    readOnly: config.readOnly,
    planNode: node.planNode,
    bgpNodes,
    nodeProgress: node.nodeProgress,
    version: 'test',
    now: Date.now,
  };
}

async function drained(lb: 'lb1' | 'lb2'): Promise<string[]> {
  const reply = await rawCommand(lab.haproxy[lb].socket, 'show servers state be_app');
  return reply.split('\n').filter((l) => /^\d+ be_app /.test(l)).flatMap((l) => ((Number(l.split(' ')[6]) & 0x08) !== 0 ? [l.split(' ')[3]!] : []));
}

/** Presses nothing, lets the panel's first read land: the frame is re-read until it holds `text` (bounded). */
async function until(app: Awaited<ReturnType<typeof renderApp>>, text: string): Promise<string> {
  for (let i = 0; i < 200 && !app.frame().includes(text); i++) await app.press('');
  return app.frame();
}

beforeAll(async () => {
  lab = await startBgpLab();
  dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-nodes-tui-'));
}, 90_000);

afterAll(async () => {
  cleanup();
  stops.forEach((s) => s());
  runtimes.forEach((r) => r.stop());
  await lab?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('NODES panel', () => {
  it('lists the nodes, Enter shows worker1\'s pods, N previews their drain and y drains them on both LBs', async () => {
    const app = await renderApp(await servicesFor(lab.config()), { columns: 160, rows: 40 });
    await app.press('K');
    let frame = await until(app, 'worker3');
    expect(frame).toContain('NODES: 3 node(s) through BGP on lb1, lb2');
    expect(frame).toMatch(/worker1\s+4\s+all up\s+lb1,lb2\s+172\.16\.171\.64\/26/);
    expect(frame).toMatch(/worker2\s+6\s+all up\s+lb1,lb2\s+172\.16\.189\.64\/26/);
    expect(frame).toMatch(/worker3\s+2\s+all up\s+lb1,lb2\s+172\.16\.171\.0\/24/);

    await app.press(KEYS.enter);
    frame = app.frame();
    expect(frame).toContain('worker1: 4 pod(s) inside 172.16.171.64/26');
    expect(frame).toMatch(/lb1\s+be_app\/SRV_1\s+172\.16\.171\.67\s+no check\s+172\.16\.171\.64\/26 via bgp1/);
    expect(frame).toMatch(/lb2\s+be_app\/SRV_2\s+172\.16\.171\.68\s+no check\s+172\.16\.171\.64\/26 via worker1/);
    expect(frame).not.toContain('SRV_6');

    await app.press('N');
    frame = app.frame();
    expect(frame).toContain('PREVIEW: drain node worker1 (BGP: 172.16.171.64/26) (4 server(s) in 1 backend(s) on 2 LB(s))');
    expect(frame).toMatch(/be_app\/SRV_1 .* \[BGP prefix 172\.16\.171\.64\/26 via bgp1\]/);
    const sent = frame.split('\n').filter((l) => /set server/.test(l)).map((l) => l.replace(/│/g, '').trim().replace(/\s+/g, ' ')).sort();
    expect(sent).toEqual(['[lb1] set server be_app/SRV_1 state drain', '[lb1] set server be_app/SRV_2 state drain', '[lb2] set server be_app/SRV_1 state drain', '[lb2] set server be_app/SRV_2 state drain']);
    await new Promise((r) => setTimeout(r, 350)); // the preview is read before y is taken
    await app.press('y');
    for (let i = 0; i < 100 && !/verified/.test(app.frame()); i++) await new Promise((r) => setTimeout(r, 50));
    for (const lb of ['lb1', 'lb2'] as const) expect(await drained(lb)).toEqual(['SRV_1', 'SRV_2']);
    app.unmount();
    for (const lb of ['lb1', 'lb2'] as const) for (const s of ['SRV_1', 'SRV_2']) await rawCommand(lab.haproxy[lb].socket, `set server be_app/${s} state ready`);
  });

  it('N on a pod row of the fleet table previews the drain of its node', async () => {
    const app = await renderApp(await servicesFor(lab.config()), { columns: 160, rows: 40 });
    await app.press(':');
    await app.type('be_app/SRV_4');
    await app.press(KEYS.enter, 'N');
    const frame = app.frame();
    expect(frame).toContain('PREVIEW: drain node worker2 (BGP: 172.16.189.64/26) (6 server(s) in 1 backend(s) on 2 LB(s))');
    await app.press(KEYS.esc);
    app.unmount();
  });

  it('read-only: N is gone from the panel, nothing is previewed or sent', async () => {
    const app = await renderApp(await servicesFor(lab.config('read_only: true\n')), { columns: 160, rows: 40 });
    await app.press('K');
    await until(app, 'worker3');
    await app.press('N');
    expect(app.frame()).not.toContain('PREVIEW');
    expect(app.frame()).not.toContain('drain node');
    for (const lb of ['lb1', 'lb2'] as const) expect(await drained(lb)).toEqual([]);
    app.unmount();
  });
});
