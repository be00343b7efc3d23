// The SESSIONS and CAPTURES panels and the drain progress view's `x`, rendered by the real App, their services
// reading two real HAProxy LBs (2.6) that carry real long-lived sessions, and writes applied through the real
// write path: a session ended by key (its client sees the close), the stuck drain's sessions ended from the progress
// view, the keys refused in read-only mode, and a rejected request shown with its error byte marked.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/actions/apply.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { freePort, holdHttpOn, holdSession, sessionLabConfig, startHoldingBackend, type HeldClient, type HoldingBackend } from '../support/lab/held-sessions.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { sessionsOver } from '../../src/runtime/sessions-service.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { unixSocket } from '../../src/transport/local.js';
import type { NodeProgressUpdate } from '../../src/ui/services.js';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SESSIONS, CAPTURES and the stuck drain, on real HAProxy', () => {
  let dir: string;
  let backend: HoldingBackend;
  const lbs: { proc: HaproxyProcess; http: number }[] = [];
  const held: HeldClient[] = [];
  let clients: Map<string, HaproxyClient>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-sess-ui-'));
    backend = await startHoldingBackend();
    for (const name of ['lb1', 'lb2']) {
      const ports = { http: await freePort(), tcp: await freePort() };
      lbs.push({ proc: await startHaproxy({ name, dir, config: sessionLabConfig({ ...ports, backend: backend.port }) }), http: ports.http });
    }
    clients = new Map(lbs.map((l) => [l.proc.name, new HaproxyClient(unixSocket(l.proc.socket))]));
  });
  afterAll(async () => {
    for (const c of held) c.close();
    await Promise.all(lbs.map((l) => l.proc.stop()));
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setup = (readOnly = false) => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock, readOnly });
    services.sessions = sessionsOver({ clients, lbs: ['lb1', 'lb2'], versions: { of: () => '2.6.12' }, audit: openAuditLog(null) });
    const audit = openAuditLog(null);
    services.apply = (plan) => applyPlan(plan, { clients, audit });
    const listeners = new Set<(u: NodeProgressUpdate) => void>();
    services.nodeProgress = { subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)) };
    return { clock, services, audit, emit: (u: NodeProgressUpdate) => listeners.forEach((l) => l(u)) };
  };
  const until = async (what: string, test: () => boolean) => {
    for (let i = 0; i < 200 && !test(); i++) await wait(25);
    if (!test()) throw new Error(`never saw ${what}`);
  };

  it('s lists the sessions on both LBs; x previews and ends the selected one; its client sees the close', async () => {
    held.push(await holdSession(lbs[0]!.http, holdHttpOn('worker1')), await holdSession(lbs[1]!.http, holdHttpOn('worker2')));
    const t = setup();
    const app = await renderApp(t.services, { columns: 160, rows: 30 });
    await app.press('s');
    await until('both sessions', () => held.every((c) => app.frame().includes(`127.0.0.1:${c.localPort}`)));
    expect(app.frame()).toContain('SESSIONS of every backend: 2 on 2 LBs');
    const first = app.lines().find((l) => l.includes(`127.0.0.1:${held[0]!.localPort}`))!;
    const id = /0x[0-9a-f]+/.exec(first)![0];
    // Oldest first; the cursor is on row 1: move to the lb1 session whichever row it is.
    const rows = app.lines().filter((l) => /^lb[12]\s+0x/.test(l));
    if (!rows[0]!.includes(id)) await app.press('j');
    await app.press('x');
    await until('the preview', () => app.frame().includes(`shutdown session ${id}`));
    expect(app.frame()).toContain('Sessions that will be cut');
    expect(app.lines().some((l) => new RegExp(`lb1\\s+127\\.0\\.0\\.1:${held[0]!.localPort} age \\d+s in \\d+ B out \\d+ B`).test(l))).toBe(true);
    expect(held[0]!.isOpen()).toBe(true); // nothing sent before y
    t.clock.now += 1000; // the dialog ignores a y typed in the breath that opened it (by lbtop's clock)
    await app.press('y');
    expect(await held[0]!.closed).toEqual({ byPeer: true });
    await until('the report', () => /lb1\s+verified/.test(app.frame()));
    expect(held[1]!.isOpen()).toBe(true);
    expect(t.audit.records.filter((r) => r.phase === 'send').map((r) => r.command)).toEqual([`shutdown session ${id}`]);
  });

  it('read-only: x and E are refused in SESSIONS and x in the progress view, nothing sent', async () => {
    const t = setup(true);
    const app = await renderApp(t.services, { columns: 160, rows: 30 });
    await app.press('s');
    await until('the session', () => app.frame().includes(`127.0.0.1:${held[1]!.localPort}`));
    await app.press('x');
    expect(app.frame()).toMatch(/READ-ONLY: x \(end the selected session/);
    await app.press('E');
    expect(app.frame()).toMatch(/READ-ONLY: E/);
    t.emit({ node: 'worker2', action: 'drain', startedAt: NOW, timeoutMs: 1000, finished: true, progress: { at: NOW + 1000, rows: [{ lb: 'lb2', backend: 'k8s_http_backend', server: 'worker2', scur: 1, qcur: 0 }], left: 1, done: false } });
    await wait(50);
    await app.press('j');
    await app.press('x');
    expect(app.frame()).toMatch(/READ-ONLY: x/);
    expect(app.frame()).not.toContain('PREVIEW');
    expect(t.audit.records).toEqual([]);
    expect(held[1]!.isOpen()).toBe(true);
  });

  it('a drain stuck past its timeout: x in the progress view ends the sessions left on its servers', async () => {
    const t = setup();
    const app = await renderApp(t.services, { columns: 160, rows: 30 });
    const base = { node: 'worker2', action: 'drain' as const, startedAt: NOW, timeoutMs: 1000 };
    const row = { lb: 'lb2', backend: 'k8s_http_backend', server: 'worker2', scur: 1, qcur: 0 };
    t.emit({ ...base, finished: false, progress: { at: NOW, rows: [row], left: 1, done: false } });
    await wait(50);
    await app.press('x');
    expect(app.frame()).toContain('still within its timeout');
    t.emit({ ...base, finished: true, progress: { at: NOW + 1000, rows: [row], left: 1, done: false } });
    await wait(50);
    await app.press('j');
    expect(app.frame()).toContain('TIMEOUT, 1 session(s)/queued still left');
    expect(app.frame()).toContain('x ends the sessions left');
    await app.press('x');
    await until('the preview', () => app.frame().includes('[lb2] shutdown sessions server k8s_http_backend/worker2') || /lb2\s+shutdown sessions server k8s_http_backend\/worker2/.test(app.frame()));
    expect(held[1]!.isOpen()).toBe(true);
    t.clock.now += 1000;
    await app.press('y');
    expect(await held[1]!.closed).toEqual({ byPeer: true });
  });

  it('X shows the rejected request with the byte where HAProxy stopped', async () => {
    await new Promise<void>((resolve) => {
      const s = net.connect(lbs[1]!.http, '127.0.0.1', () => s.write('GET /a b HTTP/1.1\r\nhost: lab\r\n\r\n'));
      s.on('data', () => s.destroy());
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    const t = setup();
    const app = await renderApp(t.services, { columns: 160, rows: 30 });
    await app.press('X');
    await until('the capture', () => app.frame().includes('GET /a b HTTP/1.1'));
    const lines = app.lines();
    expect(app.frame()).toMatch(/lb2\s+\S+\s+#0\s+request\s+web\s+127\.0\.0\.1:\d+\s+MSG_RQVER/);
    expect(app.frame()).toContain('lb2: request rejected by frontend web, error at byte 7');
    const dump = lines.findIndex((l) => l.includes('00000  GET /a b HTTP/1.1'));
    expect(lines[dump + 1]!.indexOf('^')).toBe(lines[dump]!.indexOf('b H'));
    await app.press(KEYS.esc);
  });
});
