// `lbtop sessions`, `sessions kill` and `errors` as the built bin runs them, against two real HAProxy LBs (2.6, or
// 3.0 in the 3.0 run) carrying real long-lived sessions: listed as JSON, a dry run that ends nothing, read-only
// refusing the kill, one session ended on one LB (its client sees the close, the rest stay), and a rejected request
// shown by `errors --json` with its position.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, holdHttpOn, holdSession, sessionLabConfig, startHoldingBackend, type HeldClient, type HoldingBackend } from '../support/lab/held-sessions.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild, ROOT } from './fresh-build.js';

describe('lbtop sessions and errors (the built bin)', () => {
  let dir: string;
  let backend: HoldingBackend;
  const lbs: { proc: HaproxyProcess; http: number }[] = [];
  const held: HeldClient[] = [];
  const lbtop = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const sockets = lbs.flatMap((l) => ['-s', `${l.proc.name}=${l.proc.socket}`]);
      const env = { ...process.env, XDG_CONFIG_HOME: '/nonexistent', XDG_STATE_HOME: path.join(dir, 'state') };
      execFile(process.execPath, [BIN, ...sockets, ...args], { cwd: ROOT, env }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-sess-cli-'));
    backend = await startHoldingBackend();
    for (const name of ['lb1', 'lb2']) {
      const ports = { http: await freePort(), tcp: await freePort() };
      lbs.push({ proc: await startHaproxy({ name, dir, config: sessionLabConfig({ ...ports, backend: backend.port }) }), http: ports.http });
    }
    for (const l of lbs) for (const s of ['worker1', 'worker2']) held.push(await holdSession(l.http, holdHttpOn(s)));
  }, 120_000);
  afterAll(async () => {
    for (const c of held) c.close();
    await Promise.all(lbs.map((l) => l.proc.stop()));
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Row = { lb: string; id: string; client: string; server: string };
  const listed = async (...args: string[]) => {
    const { code, stdout } = await lbtop('sessions', ...args, '--json');
    expect(code).toBe(0);
    return (JSON.parse(stdout) as { sessions: Row[] }).sessions;
  };

  it('lists the sessions of a server on both LBs as JSON', async () => {
    const rows = await listed('k8s_http_backend/worker1');
    expect(rows.map((r) => [r.lb, r.client]).sort()).toEqual([
      ['lb1', `127.0.0.1:${held[0]!.localPort}`],
      ['lb2', `127.0.0.1:${held[2]!.localPort}`],
    ]);
    expect((await listed('k8s_http_backend', '--lb', 'lb2')).map((r) => r.server).sort()).toEqual(['worker1', 'worker2']);
    const text = await lbtop('sessions', 'k8s_http_backend/worker1');
    expect(text.stdout).toMatch(/^LB\s+ID\s+CLIENT\s+FRONTEND\s+BACKEND\/SERVER\s+AGE/m);
    expect(text.stdout).toContain('2 sessions on 2 LBs');
  });

  it('previews a kill with --dry-run and ends nothing; read-only refuses the kill', async () => {
    const dry = await lbtop('sessions', 'kill', 'k8s_http_backend/worker1', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('[lb1] shutdown sessions server k8s_http_backend/worker1');
    expect(dry.stdout).toContain('[lb2] shutdown sessions server k8s_http_backend/worker1');
    expect(dry.stdout).toMatch(new RegExp(`Sessions that will be cut\\n(.*\\n)*?  lb1 +127\\.0\\.0\\.1:${held[0]!.localPort} age`));
    const ro = await lbtop('-n', 'sessions', 'kill', 'k8s_http_backend/worker1', '--yes');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/read-only: sessions kill/);
    expect(held.map((c) => c.isOpen())).toEqual([true, true, true, true]);
    expect(await listed('k8s_http_backend/worker1')).toHaveLength(2);
  });

  it('ends one session on one LB: its client sees the close, the others stay', async () => {
    const [target] = (await listed('k8s_http_backend/worker1', '--lb', 'lb2'));
    const { code, stdout } = await lbtop('sessions', 'kill', 'k8s_http_backend/worker1', '--id', target!.id, '--lb', 'lb2', '--yes', '--json');
    expect(stdout).toMatch(/lb2\s+verified/);
    expect(code).toBe(0);
    expect(await held[2]!.closed).toEqual({ byPeer: true });
    expect([0, 1, 3].map((i) => held[i]!.isOpen())).toEqual([true, true, true]);
    expect((await listed('k8s_http_backend/worker1')).map((r) => r.lb)).toEqual(['lb1']);
  });

  it('shows a rejected request with its error position (errors --json)', async () => {
    await new Promise<void>((resolve) => {
      const s = net.connect(lbs[0]!.http, '127.0.0.1', () => s.write('GET /a b HTTP/1.1\r\nhost: lab\r\n\r\n'));
      s.on('data', () => s.destroy());
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    const { code, stdout } = await lbtop('errors', '--json');
    expect(code).toBe(0);
    type Capture = { direction: string; proxy: string; errorAt: number; bytes: string; dump: string[] };
    const [lb1, lb2] = JSON.parse(stdout) as { lb: string; captures: Capture[] }[];
    expect(lb2!.captures).toEqual([]);
    expect(lb1!.captures.map((c) => [c.direction, c.proxy, c.bytes.slice(c.errorAt, c.errorAt + 3)])).toEqual([['request', 'web', 'b H']]);
    expect(lb1!.captures[0]!.dump).toEqual(['00000  GET /a b HTTP/1.1\\r\\n', '              ^ error at byte 7', '00019  host: lab\\r\\n', '00030  \\r\\n']);
  });
});
