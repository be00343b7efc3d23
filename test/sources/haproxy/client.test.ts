import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { buildCommand } from '../../../src/sources/haproxy/command.js';
import { unixSocket } from '../../../src/transport/local.js';

const CONFIG = `
global
  stats socket @SOCKET@ mode 600 level admin
  stats socket @DIR@/user.sock mode 600 level user
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend fe
  bind unix@@DIR@/fe.sock
  default_backend be
backend be
  server s1 127.0.0.1:1 check
  server s2 127.0.0.1:2 disabled
`;

describe('HaproxyClient against a real HAProxy', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-client-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: CONFIG });
  });
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const keepAlive of [false, true]) {
    describe(keepAlive ? 'prompt mode' : 'one-shot mode', () => {
      it('frames a multi-line reply and an empty reply', async () => {
        const client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive });
        const info = await client.send('show info');
        expect(info).toMatch(/^Name: HAProxy\n/);
        expect(info.endsWith('\n\n')).toBe(true);
        expect(await client.send(buildCommand('set', 'server', 'be/s1', 'weight', '7'))).toBe('\n');
        const state = await client.send('show servers state be');
        expect(state).toMatch(/ be 1 s1 127\.0\.0\.1 \d+ \d+ 7 /);
        expect(await client.send('set server be/nope state drain')).toBe('No such server.\n\n');
        client.close();
      });

      it('serialises concurrent commands on one client', async () => {
        const client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive });
        const replies = await Promise.all([client.send('show info'), client.send('show stat'), client.send('show info')]);
        expect(replies[0]).toMatch(/^Name: HAProxy/);
        expect(replies[1]).toMatch(/^# pxname,svname,/);
        expect(replies[2]).toMatch(/^Name: HAProxy/);
        client.close();
      });
    });
  }

  it('reports Permission denied from a user-level socket as HAProxy said it', async () => {
    const client = new HaproxyClient(unixSocket(path.join(haproxy.dir, 'user.sock')));
    expect(await client.send('set server be/s1 state drain')).toBe('Permission denied\n\n');
  });

  it('rejects a missing socket with a TransportError naming it', async () => {
    const client = new HaproxyClient(unixSocket(path.join(dir, 'missing.sock')));
    await expect(client.send('show info')).rejects.toThrow(/missing\.sock: socket file does not exist/);
  });

  it('sends an escaped `;` as data: HAProxy receives one command, not two', async () => {
    const client = new HaproxyClient(unixSocket(haproxy.socket));
    const reply = await client.send(buildCommand('set', 'server', 'be/s1;shutdown', 'state', 'drain'));
    expect(reply).toBe('No such server.\n\n');
    // The server was not touched by a smuggled second command and HAProxy is still answering.
    expect(await client.send('show info')).toMatch(/^Name: HAProxy/);
  });
});
