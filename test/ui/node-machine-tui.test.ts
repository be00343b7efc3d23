// The TUI's node entry points on seed 000 in a real HAProxy 2.6 (test/support/lab/seed000-lab.ts): N on k8s01's
// worker1 row previews that machine (127.0.64.94: both k8s01 worker1 servers and the exporter at the same
// address), never the worker1 servers of k8s01-dev or k8s02-dev; `:node worker1` opens the chooser with the
// three machines, and picking one previews that machine only; F5 on a `balance source` server is refused in
// the preview. Plans come from the real planner; apply goes through the real write path to the real HAProxy.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/actions/apply.js';
import { rollbackFanout } from '../../src/actions/apply-fanout.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planServerAdmin, planServerWeight } from '../../src/actions/server-admin.js';
import { createNodeService } from '../../src/runtime/node-service.js';
import { rawCommand } from '../../src/lab/haproxy-process.js';
import { createFleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../src/store/selectors.js';
import type { AppServices } from '../../src/ui/services.js';
import { DNS_EXTRA, EXTRA, startSeed000, type Seed000Lab } from '../support/lab/seed000-lab.js';
import { KEYS, renderApp } from './helpers.js';

/** lbtop's real services on seed 000 (plus `extra` proxies) in a real HAProxy, as the composition root wires them. */
async function startMachineTui(dir: string, extra: string, applied: string[][] = []) {
  const lab = await startSeed000(dir, extra);
  const runtime = createFleetRuntime(lab.config, {});
  await runtime.refresh();
  const deps = { clients: runtime.clients, audit: openAuditLog(null) };
  const node = createNodeService(runtime.hosts, runtime, deps.audit, { nodeDir: path.join(dir, 'nodes'), drainIntervalMs: 200, drainTimeoutMs: 2_000 });
  const services: AppServices = {
    store: runtime.store,
    config: lab.config,
    buildFleet,
    planServerAdmin,
    planServerWeight,
    apply: async (plan) => {
      applied.push(plan.commands.map((c) => c.command));
      return plan.kind === 'node' ? node.applyNode(plan) : applyPlan(plan, deps);
    },
    rollback: (report) => rollbackFanout(report, deps),
    runRaw: (lb, command) => runtime.clients.get(lb)!.send(command),
    readOnly: false,
    planNode: node.planNode,
    resolveHost: node.resolveHost,
    nodeProgress: node.nodeProgress,
    version: 'test',
    now: Date.now,
  };
  const stop = async () => {
    node.stop();
    runtime.stop();
    await lab.haproxy.stop();
  };
  return { lab, services, stop };
}

describe('node entry points in the TUI on seed 000', () => {
  let dir: string;
  let lab: Seed000Lab;
  let services: AppServices;
  let stop: () => Promise<void>;
  const applied: string[][] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-machine-tui-'));
    ({ lab, services, stop } = await startMachineTui(dir, EXTRA + DNS_EXTRA, applied));
  }, 60_000);
  afterAll(async () => {
    cleanup();
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const open = async () => {
    const app = await renderApp(services, { columns: 200, rows: 50 });
    return app;
  };
  const jump = async (app: Awaited<ReturnType<typeof open>>, ref: string) => {
    await app.press(':');
    await app.type(ref);
    await app.press(KEYS.enter);
  };

  it("N on k8s01's worker1 row previews its machine only: both k8s01 worker1 servers and the exporter at .94", async () => {
    const app = await open();
    await jump(app, 'k8s_https_lb_backend/worker1');
    await app.press('N');
    const frame = app.frame();
    expect(frame).toContain('PREVIEW: drain node 127.0.64.94 (3 server(s) in 3 backend(s) on 1 LB(s))');
    const sent = frame.split('\n').filter((l) => /set server/.test(l)).map((l) => /set server (\S+)/.exec(l)![1]).sort();
    expect(sent).toEqual(['k8s01_node_exporter/worker1-exporter', 'k8s_http_lb_backend/worker1', 'k8s_https_lb_backend/worker1']);
    expect(frame).toContain('node = machine 127.0.64.94: 3 server(s) at that address, named worker1, worker1-exporter');
    expect(frame).not.toMatch(/k8s0[12]_dev_backend\/worker1/);
    await app.press(KEYS.esc);
    app.unmount();
  });

  it('`:node worker1` opens the chooser with the three machines; picking one previews that machine; y drains it', async () => {
    const app = await open();
    await jump(app, 'node worker1');
    let frame = app.frame();
    expect(frame).toContain('NODE worker1: 3 machines carry that name');
    expect(frame).toMatch(/> 127\.0\.64\.94 {2}cluster k8s01, homelab {2}backends k8s_http_lb_backend, k8s_https_lb_backend, k8s01_node_exporter/);
    expect(frame).toMatch(/ {2}127\.0\.64\.101 {2}cluster k8s01-dev {2}backends http_k8s01_dev_backend, https_k8s01_dev_backend {2}servers http_k8s01_dev_backend\/worker1, https_k8s01_dev_backend\/worker1 on homelab/);
    expect(frame).toMatch(/ {2}127\.0\.64\.111 {2}cluster k8s02-dev/);
    expect(frame).not.toContain('PREVIEW');
    await app.press(KEYS.down);
    expect(app.frame()).toMatch(/> 127\.0\.64\.101/);
    await app.press(KEYS.enter);
    frame = app.frame();
    expect(frame).toContain('PREVIEW: drain node 127.0.64.101 (2 server(s) in 2 backend(s) on 1 LB(s))');
    const sent = frame.split('\n').filter((l) => /set server/.test(l)).map((l) => /set server (\S+)/.exec(l)![1]).sort();
    expect(sent).toEqual(['http_k8s01_dev_backend/worker1', 'https_k8s01_dev_backend/worker1']);
    await new Promise((r) => setTimeout(r, 350)); // the preview is read before y is taken
    await app.press('y');
    for (let i = 0; i < 100 && !/DONE|verified/.test(app.frame()); i++) await new Promise((r) => setTimeout(r, 50));
    const admin = async (ref: string) => {
      const [be, sv] = ref.split('/');
      const line = (await rawCommand(lab.haproxy.socket, `show servers state ${be}`)).split('\n').find((l) => l.split(' ')[3] === sv)!;
      return Number(line.split(' ')[6]) & 0x08 ? 'drain' : 'not drained';
    };
    expect(await admin('http_k8s01_dev_backend/worker1')).toBe('drain');
    expect(await admin('https_k8s01_dev_backend/worker1')).toBe('drain');
    expect(await admin('k8s_http_lb_backend/worker1')).toBe('not drained');
    expect(await admin('http_k8s02_dev_backend/worker1')).toBe('not drained');
    app.unmount();
    for (const be of ['http_k8s01_dev_backend', 'https_k8s01_dev_backend']) await rawCommand(lab.haproxy.socket, `set server ${be}/worker1 state ready`);
  });

  it('`:node 127.0.0.1` includes the server-template slots resolved there and says they are addressed by a DNS name', async () => {
    const app = await open();
    await jump(app, 'node 127.0.0.1');
    const frame = app.frame();
    expect(frame).toContain('PREVIEW: drain node 127.0.0.1 (3 server(s) in 2 backend(s) on 1 LB(s))');
    const sent = frame.split('\n').filter((l) => /set server/.test(l)).map((l) => /set server (\S+)/.exec(l)![1]).sort();
    expect(sent).toEqual(['local_agent/agent', 'local_template/slot1', 'local_template/slot2']);
    expect(frame.replace(/│\s*\n\s*│/g, '')).toMatch(/addressed by a DNS name, included by the address it resolves to now \(it may change\): homelab: local_template\/slot1 \(localhost\); homelab: local_template\/slot2 \(localhost\)/);
    await app.press(KEYS.esc);
    app.unmount();
  });

  it('`:node localhost`: a hostname typed at the prompt means its machine (here the name the template slots are addressed by)', async () => {
    const app = await open();
    await jump(app, 'node localhost');
    for (let i = 0; i < 100 && !/PREVIEW/.test(app.frame()); i++) await new Promise((r) => setTimeout(r, 20)); // DNS answers asynchronously
    const frame = app.frame();
    expect(frame).toContain('PREVIEW: drain node localhost (127.0.0.1)');
    expect(frame.replace(/│\s*\n\s*│/g, '')).toMatch(/node = machine 127\.0\.0\.1 \(the address of the servers named localhost\): 3 server\(s\) at that address/);
    const sent = frame.split('\n').filter((l) => /set server/.test(l)).map((l) => /set server (\S+)/.exec(l)![1]).sort();
    expect(sent).toEqual(['local_agent/agent', 'local_template/slot1', 'local_template/slot2']);
    await app.press(KEYS.esc);
    app.unmount();
  });

  it('Esc on the chooser plans nothing', async () => {
    const app = await open();
    await jump(app, 'node controlplane1');
    expect(app.frame()).toContain('NODE controlplane1: 3 machines carry that name');
    await app.press(KEYS.esc);
    expect(app.frame()).toContain('no machine picked: nothing planned');
    expect(app.frame()).not.toContain('PREVIEW');
    app.unmount();
  });

  it('F8 (weight +10) on a `balance source` server is refused in the preview, F5 (to 0) is not', async () => {
    const before = applied.length;
    const app = await open();
    await jump(app, 'k8s01_sticky/worker2');
    await app.press(KEYS.f8);
    const frame = app.frame();
    expect(frame).toContain('PREVIEW: weight +10 k8s01_sticky/worker2 on homelab: REFUSED');
    expect(frame).toMatch(/REFUSED homelab: k8s01_sticky: "balance source" hashes with HAProxy's default hash-type map-based/);
    expect(frame).toContain('nothing to send — Esc closes');
    await new Promise((r) => setTimeout(r, 350));
    await app.press('y');
    expect(applied.length).toBe(before);
    await app.press(KEYS.esc);
    // 10 − 10 = 0: a static algorithm takes weight 0, so this one is previewed as usual.
    await app.press(KEYS.f5);
    expect(app.frame()).toMatch(/\[homelab\] set server k8s01_sticky\/worker2 weight 0/);
    await app.press(KEYS.esc);
    app.unmount();
  });
});

describe('a hostname at the TUI prompt that no server carries', () => {
  let dir: string;
  let services: AppServices;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-machine-dns-'));
    // No server-template here: no server is addressed by the name "localhost", so only DNS can answer.
    ({ services, stop } = await startMachineTui(dir, EXTRA));
  }, 60_000);
  afterAll(async () => {
    cleanup();
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('`:node localhost` asks DNS (the lookup every Linux answers) and previews that machine', async () => {
    const app = await renderApp(services, { columns: 200, rows: 50 });
    await app.press(':');
    await app.type('node localhost');
    await app.press(KEYS.enter);
    for (let i = 0; i < 100 && !/PREVIEW/.test(app.frame()); i++) await new Promise((r) => setTimeout(r, 20)); // DNS answers asynchronously
    const frame = app.frame().replace(/│\s*\n\s*│/g, '');
    expect(frame).toMatch(/PREVIEW: drain node localhost \(127\.0\.0\.1\)/);
    expect(frame).toMatch(/node = machine 127\.0\.0\.1 \(localhost resolves to it\)/);
    await app.press(KEYS.esc);
    app.unmount();
  });
});
