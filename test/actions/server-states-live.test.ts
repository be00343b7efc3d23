// drain, maint, ready and weight through lbtop's plan → apply → verify on a real HAProxy, in both test runs (2.6,
// then 3.0), with a server DOWN by its health check among them: what lbtop reads back (status, weight column,
// admin state) is the same on both versions, including the weight of a DOWN server (its user weight, a set
// weight shows at once) and of the backend (only usable servers count).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/actions/apply.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planServerAdmin, planServerWeight } from '../../src/actions/server-admin.js';
import { loadConfig } from '../../src/config/index.js';
import type { LbtopConfig } from '../../src/model/config.js';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { adminStateOf } from '../../src/sources/haproxy/admin-state.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../src/store/selectors.js';

// worker1 is checked against the LB's own stats socket (up); worker2's check hits a closed port (DOWN).
const CONFIG = `
${LAB_HEAD}  default-server inter 200 fall 1 rise 1
backend ingress
  server worker1 unix@@SOCKET@ weight 7 check
  server worker2 127.0.0.1:9 weight 7 check
  server worker3 127.0.0.1:9 weight 7
`;

describe(`server states on a real HAProxy ${testHaproxyVersion()}`, () => {
  let dir: string;
  let lb: HaproxyProcess;
  let runtime: FleetRuntime;
  let config: LbtopConfig;
  const audit = openAuditLog(null);
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-states-'));
    lb = await startHaproxy({ name: 'lb1', dir, config: CONFIG });
    config = loadConfig(`lbs:\n  lb1:\n    haproxy: { socket: ${lb.socket} }\nclusters:\n  k8s:\n    backends: [ingress]\n`).config!;
    runtime = createFleetRuntime(config);
  });
  afterAll(async () => {
    runtime?.stop();
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const read = async () => {
    await runtime.refresh();
    const snap = runtime.store.getState().lbs.get('lb1')!.snapshot!;
    const row = (name: string) => snap.stats.find((r) => r.proxy === 'ingress' && r.name === name)!;
    const servers = ['worker1', 'worker2', 'worker3'].map((name) => {
      const state = snap.servers?.get(`ingress/${name}`) ?? null;
      return [name, row(name).status, row(name).weight, adminStateOf(row(name), state), state?.userWeight];
    });
    return { servers, backend: [row('BACKEND').status, row('BACKEND').weight] };
  };
  const fleet = () => buildFleet(config, runtime.store.getState().lbs);
  const apply = async (plan: ReturnType<typeof planServerAdmin>) => (await applyPlan(plan, { clients: runtime.clients, audit })).outcomes.map((o) => o.status);

  it('a DOWN server keeps its weight in the weight column, and a set weight shows there at once', async () => {
    for (let i = 0; i < 50 && (await read()).servers[1]![1] !== 'DOWN'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await read()).toEqual({
      servers: [['worker1', 'UP', 7, 'ready', 7], ['worker2', 'DOWN', 7, 'ready', 7], ['worker3', 'no check', 7, 'ready', 7]],
      backend: ['UP', 14],
    });
    expect(await apply(planServerWeight(fleet(), { backend: 'ingress', server: 'worker2', lbs: [] }, 3))).toEqual(['verified']);
    expect((await read()).servers[1]).toEqual(['worker2', 'DOWN', 3, 'ready', 3]);
    // The backend's weight counts only servers that can take traffic: worker2's 3 is not in it.
    expect((await read()).backend).toEqual(['UP', 14]);
  });

  it('drain and maint keep the weight column; the backend loses the server; ready restores it', async () => {
    expect(await apply(planServerAdmin(fleet(), { backend: 'ingress', server: 'worker1', lbs: [] }, 'drain'))).toEqual(['verified']);
    expect(await apply(planServerAdmin(fleet(), { backend: 'ingress', server: 'worker3', lbs: [] }, 'maint'))).toEqual(['verified']);
    expect(await read()).toEqual({
      servers: [['worker1', 'DRAIN', 7, 'drain', 7], ['worker2', 'DOWN', 3, 'ready', 3], ['worker3', 'MAINT', 7, 'maint', 7]],
      backend: ['DOWN', 0],
    });
    expect(await apply(planServerAdmin(fleet(), { backend: 'ingress', server: 'worker1', lbs: [] }, 'ready'))).toEqual(['verified']);
    expect(await apply(planServerAdmin(fleet(), { backend: 'ingress', server: 'worker3', lbs: [] }, 'ready'))).toEqual(['verified']);
    expect(await apply(planServerWeight(fleet(), { backend: 'ingress', server: 'worker2', lbs: [] }, 'restore'))).toEqual(['verified']);
    expect(await read()).toEqual({
      servers: [['worker1', 'UP', 7, 'ready', 7], ['worker2', 'DOWN', 7, 'ready', 7], ['worker3', 'no check', 7, 'ready', 7]],
      backend: ['UP', 14],
    });
  });
});
