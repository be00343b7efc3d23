// End to end in a real terminal: the built lbtop inside tmux on two real HAProxy LBs carrying real long-lived
// sessions. `s` opens SESSIONS (wired by the composition root), `x` previews ending the selected session, y ends it
// on its LB: the client sees its connection closed, the other LB's session stays. Then `X` shows a captured bad
// request. (The stuck drain's `x` runs on the real services in test/ui/stuck-drain-tui.test.ts: the binary's drain
// timeout is five minutes.)
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, holdHttpOn, holdSession, sessionLabConfig, startHoldingBackend, type HeldClient, type HoldingBackend } from '../support/lab/held-sessions.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild } from './fresh-build.js';
import { tmuxTerminal, wait } from './tmux.js';

const term = tmuxTerminal(`lbtop-sess-${process.pid}`, 'sess');
const { tmux, pane, until } = term;

describe('SESSIONS and CAPTURES in a real terminal', () => {
  let dir: string;
  let backend: HoldingBackend;
  const lbs: { proc: HaproxyProcess; http: number }[] = [];
  const held: HeldClient[] = [];
  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-e2e-sess-'));
    backend = await startHoldingBackend();
    for (const name of ['lb1', 'lb2']) {
      const ports = { http: await freePort(), tcp: await freePort() };
      lbs.push({ proc: await startHaproxy({ name, dir, config: sessionLabConfig({ ...ports, backend: backend.port }) }), http: ports.http });
    }
    held.push(await holdSession(lbs[0]!.http, holdHttpOn('worker1')));
    await wait(1100); // one second older than the next: the oldest-first list puts it on the first row
    held.push(await holdSession(lbs[1]!.http, holdHttpOn('worker1')));
  }, 120_000);
  afterAll(async () => {
    term.kill();
    for (const c of held) c.close();
    await Promise.all(lbs.map((l) => l.proc.stop()));
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('s lists the sessions of both LBs, x and y end the selected one, X shows a captured bad request', async () => {
    const command = ['env -u CI', `XDG_STATE_HOME=${dir}/state`, BIN, '-s', `lb1=${lbs[0]!.proc.socket}`, '-s', `lb2=${lbs[1]!.proc.socket}`, '-i', '1', '; echo LBTOP-EXITED-$?; sleep 30'].join(' ');
    tmux('new-session', '-d', '-s', 'sess', '-x', '160', '-y', '30', command);
    await until('the first screen', () => pane().includes('worker1'));
    tmux('send-keys', '-t', 'sess', 's');
    await until('both sessions', () => held.every((c) => pane().includes(`127.0.0.1:${c.localPort}`)));
    const first = pane().split('\n').find((l) => /^lb[12]\s+0x/.test(l))!;
    expect(first).toContain(`127.0.0.1:${held[0]!.localPort}`);
    const id = /0x[0-9a-f]+/.exec(first)![0];
    tmux('send-keys', '-t', 'sess', 'x');
    await until('the preview', () => pane().includes(`shutdown session ${id}`));
    expect(held[0]!.isOpen()).toBe(true);
    await wait(400); // the dialog refuses a confirm typed in the same breath as the key that opened it
    tmux('send-keys', '-t', 'sess', 'y');
    expect(await held[0]!.closed).toEqual({ byPeer: true });
    await until('the report', () => /lb1\s+verified/.test(pane()));
    expect(held[1]!.isOpen()).toBe(true);
    tmux('send-keys', '-t', 'sess', 'Escape');
    await until('the list without it', () => !pane().includes(`127.0.0.1:${held[0]!.localPort}`) && pane().includes(`127.0.0.1:${held[1]!.localPort}`));

    await new Promise<void>((resolve) => {
      const s = net.connect(lbs[1]!.http, '127.0.0.1', () => s.write('GET /a b HTTP/1.1\r\nhost: lab\r\n\r\n'));
      s.on('data', () => s.destroy());
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    tmux('send-keys', '-t', 'sess', 'X');
    await until('the capture', () => pane().includes('00000  GET /a b HTTP/1.1'));
    expect(pane()).toContain('^ error at byte 7');
    tmux('send-keys', '-t', 'sess', 'q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
  }, 90_000);
});
