// Sessions on two real HAProxy LBs (2.6, or 3.0 in the 3.0 run) carrying real long-lived sessions: listed with
// their clients, one ended on one LB (its client sees the connection closed, the others stay), every session of a
// server ended on both, verify re-reading show sess, and read-only refusing before anything is sent.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/actions/apply.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planSessionKill } from '../../src/actions/session-kill.js';
import { readFleetSessions, sessionRows } from '../../src/actions/session-read.js';
import { readOnlyRuntime } from '../../src/actions/write-gate.js';
import { freePort, holdHttpOn, holdSession, sessionLabConfig, startHoldingBackend, type HeldClient, type HoldingBackend } from '../support/lab/held-sessions.js';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { ReadOnlyError } from '../../src/model/errors.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { unixSocket } from '../../src/transport/local.js';
import { previewText } from '../../src/present/confirmation.js';

describe('ending sessions on real HAProxy', () => {
  let dir: string;
  let backend: HoldingBackend;
  const lbs: { proc: HaproxyProcess; ports: { http: number; tcp: number } }[] = [];
  const held: HeldClient[] = [];
  let clients: Map<string, HaproxyClient>;
  const version = new Map<string, string>();
  const deps = () => ({ clients, versionOf: (lb: string) => version.get(lb) ?? null });
  const hold = async (lb: number, kind: 'worker1' | 'worker2' | 'tcp') => {
    const c = await holdSession(lbs[lb]!.ports[kind === 'tcp' ? 'tcp' : 'http'], kind === 'tcp' ? 'hello api\n' : holdHttpOn(kind));
    held.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-sess-'));
    backend = await startHoldingBackend();
    for (const name of ['lb1', 'lb2']) {
      const ports = { http: await freePort(), tcp: await freePort() };
      lbs.push({ proc: await startHaproxy({ name, dir, config: sessionLabConfig({ ...ports, backend: backend.port }) }), ports });
    }
    clients = new Map(lbs.map((l) => [l.proc.name, new HaproxyClient(unixSocket(l.proc.socket))]));
    for (const l of lbs) version.set(l.proc.name, /Version: (\S+)/.exec(await rawCommand(l.proc.socket, 'show info'))![1]!);
  });
  afterAll(async () => {
    for (const c of held) c.close();
    await Promise.all(lbs.map((l) => l.proc.stop()));
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the sessions of a server on both LBs with their clients, and ends one on one LB', async () => {
    const [a1, a2, b1, b2, api] = [await hold(0, 'worker1'), await hold(0, 'worker2'), await hold(1, 'worker1'), await hold(1, 'worker2'), await hold(0, 'tcp')];
    const reads = await readFleetSessions(deps(), ['lb1', 'lb2'], { backend: 'k8s_http_backend', server: 'worker1' });
    const rows = sessionRows(reads);
    expect(rows.map((r) => [r.lb, r.server, r.client]).sort()).toEqual([
      ['lb1', 'worker1', `127.0.0.1:${a1.localPort}`],
      ['lb2', 'worker1', `127.0.0.1:${b1.localPort}`],
    ]);
    // Few streams on the LB: the detailed form was read too, with the byte counts.
    for (const r of rows) expect(r.bytesIn).toBeGreaterThan(0);
    const all = sessionRows(await readFleetSessions(deps(), ['lb1'], {}));
    expect(all.map((r) => r.client).sort()).toEqual([a1, a2, api].map((c) => `127.0.0.1:${c.localPort}`).sort());
    // The TCP client sent "hello api\n", echoed back: 10 bytes each way.
    expect(all.filter((r) => r.frontend === 'api').map((r) => [r.bytesIn, r.bytesOut])).toEqual([[10, 10]]);

    const target = rows.find((r) => r.lb === 'lb1')!;
    const plan = planSessionKill(reads.filter((r) => r.lb === 'lb1'), { backend: 'k8s_http_backend', server: 'worker1', id: target.id });
    expect(plan.commands.map((c) => [c.lb, c.command])).toEqual([['lb1', `shutdown session ${target.id}`]]);
    expect(previewText(plan)).toMatch(/lb1\s+k8s_http_backend\/worker1\s+1 sessions\s+0 sessions/);
    expect(a1.isOpen()).toBe(true); // nothing sent by planning

    const audit = openAuditLog(path.join(dir, 'audit.jsonl'));
    const report = await applyPlan(plan, { clients, audit });
    expect(report.outcomes.map((o) => [o.lb, o.status])).toEqual([['lb1', 'verified']]);
    expect(await a1.closed).toEqual({ byPeer: true });
    expect([a2, b1, b2, api].map((c) => c.isOpen())).toEqual([true, true, true, true]);
    const sent = readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { phase: string; command: string });
    expect(sent.filter((r) => r.phase === 'send').map((r) => r.command)).toEqual([`shutdown session ${target.id}`]);
  });

  it('ends every session of a server on both LBs, and leaves the other server\'s', async () => {
    const w2 = [await hold(0, 'worker2'), await hold(1, 'worker2')];
    const w1 = [await hold(0, 'worker1'), await hold(1, 'worker1'), ...held.filter((c, i) => i === 2 && c.isOpen())]; // b1 of the test before
    const reads = await readFleetSessions(deps(), ['lb1', 'lb2'], { backend: 'k8s_http_backend', server: 'worker1' });
    expect(sessionRows(reads).map((r) => r.client).sort()).toEqual(w1.map((c) => `127.0.0.1:${c.localPort}`).sort());
    const plan = planSessionKill(reads, { backend: 'k8s_http_backend', server: 'worker1' });
    expect(plan.commands.map((c) => [c.lb, c.command])).toEqual([
      ['lb1', 'shutdown sessions server k8s_http_backend/worker1'],
      ['lb2', 'shutdown sessions server k8s_http_backend/worker1'],
    ]);
    const report = await applyPlan(plan, { clients, audit: openAuditLog(null) });
    expect(report.ok).toBe(true);
    expect(await Promise.all(w1.map((c) => c.closed))).toEqual([{ byPeer: true }, { byPeer: true }, { byPeer: true }]);
    expect(w2.map((c) => c.isOpen())).toEqual([true, true]);
  });

  it('refuses through a read-only client before anything is sent or audited', async () => {
    const c = await hold(1, 'tcp');
    const reads = await readFleetSessions(deps(), ['lb2'], { backend: 'k8s_api_backend', server: 'controlplane1' });
    const plan = planSessionKill(reads, { backend: 'k8s_api_backend', server: 'controlplane1' });
    expect(plan.commands).toHaveLength(1);
    const audit = openAuditLog(null);
    const gated = new Map([...clients].map(([lb, api]) => [lb, readOnlyRuntime(api)]));
    await expect(applyPlan(plan, { clients: gated, audit })).rejects.toThrow(ReadOnlyError);
    // And the gate itself, for a caller that forgets to ask.
    await expect(gated.get('lb2')!.send(plan.commands[0]!.command)).rejects.toThrow(ReadOnlyError);
    expect(audit.records).toEqual([]);
    expect(c.isOpen()).toBe(true);
  });

  it('reports a session that is not there, and refuses an id found on two LBs', async () => {
    const reads = await readFleetSessions(deps(), ['lb1', 'lb2'], { backend: 'k8s_http_backend', server: 'worker2' });
    expect(planSessionKill(reads, { backend: 'k8s_http_backend', server: 'worker2', id: '0x1234' }).warnings[0]).toMatch(/not on k8s_http_backend\/worker2/);
    const twin = reads.map((r) => ('read' in r ? { lb: r.lb, read: { ...r.read, sessions: r.read.sessions.map((s) => ({ ...s, id: '0xabc' })) } } : r));
    expect(planSessionKill(twin, { backend: 'k8s_http_backend', server: 'worker2', id: '0xabc' }).refused?.[0]).toMatch(/exists on lb1, lb2/);
  });
});
