// A node drain stuck past its timeout, finished from the progress view, with lbtop's real services wired as the
// composition root wires them: two real HAProxy LBs whose servers hold real long-lived sessions, N on a server row
// drains its machine on both, the follow times out with the sessions still there, and `x` previews
// `shutdown sessions server` for the servers still holding some; y ends them (the clients see their connections
// closed) through the real write path.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/actions/apply.js';
import { rollbackFanout } from '../../src/actions/apply-fanout.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planServerAdmin, planServerWeight } from '../../src/actions/server-admin.js';
import { loadConfig } from '../../src/config/index.js';
import { freePort, holdHttpOn, holdSession, sessionLabConfig, startHoldingBackend, type HeldClient, type HoldingBackend } from '../support/lab/held-sessions.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { createSessionsService } from '../../src/runtime/sessions-service.js';
import { buildFleet } from '../../src/store/selectors.js';
import { createNodeService, type NodeService } from '../../src/runtime/node-service.js';
import type { AppServices } from '../../src/ui/services.js';
import { KEYS, renderApp } from './helpers.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a stuck drain finished from the progress view', () => {
  let dir: string;
  let backend: HoldingBackend;
  const lbs: { proc: HaproxyProcess; http: number }[] = [];
  const held: HeldClient[] = [];
  let runtime: FleetRuntime;
  let node: NodeService;
  let services: AppServices;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-stuck-'));
    backend = await startHoldingBackend();
    for (const name of ['lb1', 'lb2']) {
      const ports = { http: await freePort(), tcp: await freePort() };
      lbs.push({ proc: await startHaproxy({ name, dir, config: sessionLabConfig({ ...ports, backend: backend.port }) }), http: ports.http });
    }
    const yaml = `lbs:\n${lbs.map((l) => `  ${l.proc.name}:\n    haproxy: { socket: ${l.proc.socket} }`).join('\n')}\nclusters:\n  k8s:\n    backends: [k8s_http_backend, k8s_api_backend]\n`;
    const config = loadConfig(yaml).config!;
    runtime = createFleetRuntime(config);
    await runtime.refresh();
    const deps = { clients: runtime.clients, audit: openAuditLog(null) };
    node = createNodeService(runtime.hosts, runtime, deps.audit, { nodeDir: path.join(dir, 'nodes'), drainIntervalMs: 200, drainTimeoutMs: 1_500 });
    services = {
      store: runtime.store,
      config,
      buildFleet,
      planServerAdmin,
      planServerWeight,
      apply: (plan) => (plan.kind === 'node' ? node.applyNode(plan) : applyPlan(plan, deps)),
      rollback: (report) => rollbackFanout(report, deps),
      runRaw: (lb, command) => runtime.clients.get(lb)!.send(command),
      readOnly: false,
      planNode: node.planNode,
      nodeProgress: node.nodeProgress,
      sessions: createSessionsService(runtime.hosts, runtime, deps.audit),
      version: 'test',
      now: Date.now,
    };
    for (const l of lbs) held.push(await holdSession(l.http, holdHttpOn('worker1')));
  }, 60_000);
  afterAll(async () => {
    cleanup();
    for (const c of held) c.close();
    node?.stop();
    runtime?.stop();
    await Promise.all(lbs.map((l) => l.proc.stop()));
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const until = async (what: string, test: () => boolean, ms = 10_000) => {
    for (let t = 0; t < ms && !test(); t += 50) await wait(50);
    if (!test()) throw new Error(`never saw ${what}`);
  };

  it('N drains the machine on both LBs; past the timeout x ends the sessions left; the clients see the close', async () => {
    const app = await renderApp(services, { columns: 160, rows: 40 });
    await app.press(':');
    await app.type('k8s_http_backend/worker1');
    await app.press(KEYS.enter);
    await app.press('N');
    expect(app.frame()).toContain('PREVIEW: drain node 127.0.0.1');
    await wait(350);
    await app.press('y');
    await until('the timeout', () => app.frame().includes('TIMEOUT, 2 session(s)/queued still left'));
    expect(app.frame()).toContain('x ends the sessions left');
    expect(held.map((c) => c.isOpen())).toEqual([true, true]); // the drain keeps established sessions
    await app.press('x');
    await until('the preview', () => /PREVIEW: end the sessions left on k8s_http_backend\/worker1/.test(app.frame()));
    const frame = app.frame();
    expect(frame).toMatch(/\[lb1\] shutdown sessions server k8s_http_backend\/worker1/);
    expect(frame).toMatch(/\[lb2\] shutdown sessions server k8s_http_backend\/worker1/);
    expect(frame).not.toMatch(/shutdown sessions server k8s_http_backend\/worker2/); // it holds none
    await wait(350);
    await app.press('y');
    expect(await Promise.all(held.map((c) => c.closed))).toEqual([{ byPeer: true }, { byPeer: true }]);
    await until('the report', () => /lb2\s+verified/.test(app.frame()));
    app.unmount();
  });
});
