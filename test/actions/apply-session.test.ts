// One LB's part of an action goes over one kept connection, and its verification over a second one opened after
// the first has closed, against a real HAProxy: over SSH that is two channels per LB instead of one per command.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlanFanout } from '../../src/actions/apply-fanout.js';
import { applyPlan } from '../../src/actions/apply.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import type { Plan } from '../../src/actions/types.js';
import { generateConfig } from '../support/lab/generate-config.js';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { unixSocket } from '../../src/transport/local.js';
import type { StreamConnector } from '../../src/transport/types.js';

describe('an action on one LB runs in two sessions', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-session-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 100, backends: 4, checks: false }) });
  });
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const counted = () => {
    const inner = unixSocket(haproxy.socket);
    let connects = 0;
    // No exchange(): like an SSH channel, every connection goes through connect().
    const connector: StreamConnector = { label: inner.label, connect: (t) => ((connects += 1), inner.connect(t)) };
    return { client: new HaproxyClient(connector), connects: () => connects };
  };
  const plan = (to: 'drain' | 'ready'): Plan => ({
    preview: 'servers',
    id: `t-${to}`, title: to, kind: 'server-admin', changes: [], rollback: [], warnings: [],
    commands: [
      { lb: 'lb', command: `set server be_0001/srv00001 state ${to}`, expect: to },
      { lb: 'lb', command: `set server be_0003/srv00051 state ${to}`, expect: to },
    ],
  });

  it('applyPlan: the sends share one connection, the verification (two backends) another', async () => {
    const { client, connects } = counted();
    const report = await applyPlan(plan('drain'), { clients: new Map([['lb', client]]), audit: openAuditLog(null) });
    expect(report.outcomes).toEqual([expect.objectContaining({ lb: 'lb', status: 'verified' })]);
    expect(connects()).toBe(2);
    expect(await rawCommand(haproxy.socket, 'show stat')).toMatch(/^be_0003,srv00051,(?:[^,]*,){15}DRAIN,/m);
  });

  it('applyPlanFanout: the same per LB, and a verification that fails is reported, not hidden', async () => {
    const { client, connects } = counted();
    const report = await applyPlanFanout(plan('ready'), { clients: new Map([['lb', client]]), audit: openAuditLog(null) });
    expect(report.ok).toBe(true);
    expect(connects()).toBe(2);
    // Expecting a state HAProxy will not show: the second session reads the truth and says so.
    const wrong: Plan = { ...plan('ready'), id: 'wrong', commands: [{ lb: 'lb', command: 'set server be_0001/srv00001 state ready', expect: 'maint' }] };
    const again = await applyPlanFanout(wrong, { clients: new Map([['lb', client]]), audit: openAuditLog(null) });
    expect(again.outcomes[0]).toMatchObject({ status: 'applied-unverified', detail: expect.stringContaining('expected maint') });
  });
});
