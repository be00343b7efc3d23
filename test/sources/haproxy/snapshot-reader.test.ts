// SnapshotReader against a real HAProxy: unchanged rows keep their identity from poll to poll, and
// `show servers state` is asked again for a backend whose server row changed, and whole every `serversEvery` polls.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../../support/lab/generate-config.js';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient, type RuntimeApi } from '../../../src/sources/haproxy/client.js';
import { SnapshotReader } from '../../../src/sources/haproxy/read-snapshot.js';
import { unixSocket } from '../../../src/transport/local.js';

describe('SnapshotReader on a real HAProxy', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-reader-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 200, backends: 4, checks: false }) });
  });
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-uses idle rows, and re-reads servers state after a server changed', async () => {
    const client = new HaproxyClient(unixSocket(haproxy.socket));
    const sent: string[] = [];
    const api: RuntimeApi = { label: client.label, send: (c) => (sent.push(c), client.send(c)), close: () => client.close() };
    const reader = new SnapshotReader(api, { serversEvery: 4 });
    const first = await reader.read();
    expect(sent).toEqual(['show info', 'show stat', 'show servers state']);
    expect(first.servers?.size).toBe(200);

    sent.length = 0;
    const second = await reader.read();
    expect(sent).toEqual(['show info', 'show stat']);
    expect(second.servers).toBe(first.servers);
    expect(second.stats.every((row, i) => row === first.stats[i])).toBe(true);

    // Traffic moves counters (sessions, connection errors) on the servers of be_0001: no servers state is asked
    // for that, and the map stays the same object.
    await httpRequest(path.join(haproxy.dir, 'fe-0001.sock'));
    sent.length = 0;
    const busy = await reader.read();
    expect(busy.stats.some((row, i) => row.kind === 'server' && row !== second.stats[i])).toBe(true);
    expect(sent).toEqual(['show info', 'show stat']);
    expect(busy.servers).toBe(first.servers);

    await rawCommand(haproxy.socket, 'set server be_0002/srv00060 state drain');
    sent.length = 0;
    const third = await reader.read();
    // Only the backend whose server changed is asked again; every other state keeps its object.
    expect(sent).toEqual(['show info', 'show stat', 'show servers state be_0002']);
    const drained = third.stats.find((r) => r.proxy === 'be_0002' && r.name === 'srv00060')!;
    expect(drained.status).toBe('DRAIN');
    expect(third.servers?.get('be_0002/srv00060')?.adminState).not.toBe(first.servers?.get('be_0002/srv00060')?.adminState);
    expect(third.servers?.size).toBe(200);
    expect([...third.servers!].filter(([key, state]) => state !== first.servers!.get(key)).map(([key]) => key)).toEqual(['be_0002/srv00060']);
    expect(third.stats.filter((row, i) => row !== busy.stats[i] && row.kind === 'server').map((r) => r.name)).toEqual(['srv00060']);

    // Every `serversEvery` polls all of it again (a per-backend read does not reset the count).
    sent.length = 0;
    const fourth = await reader.read();
    expect(sent.filter((c) => c.startsWith('show servers state'))).toEqual(['show servers state']);
    // Re-read, yet every unchanged server keeps its state object (only its age differs), and with nothing
    // changed the map itself is the one of the last poll, so everything downstream skips it by reference.
    expect(fourth.servers).toBe(third.servers);
    expect([...fourth.servers!].every(([key, state]) => state === third.servers!.get(key))).toBe(true);

    // A whole re-read that finds a change hands out a new map, with the unchanged states kept.
    await rawCommand(haproxy.socket, 'set server be_0003/srv00120 weight 7');
    sent.length = 0;
    await reader.read(); // the per-backend re-read of be_0003; the count goes on
    await reader.read();
    await reader.read();
    sent.length = 0;
    await rawCommand(haproxy.socket, 'set server be_0001/srv00010 state drain');
    const sixth = await reader.read();
    expect(sent.filter((c) => c.startsWith('show servers state'))).toEqual(['show servers state']);
    expect(sixth.servers).not.toBe(fourth.servers);
    expect(sixth.servers?.get('be_0001/srv00010')?.adminState).not.toBe(fourth.servers?.get('be_0001/srv00010')?.adminState);
    expect(sixth.servers?.get('be_0004/srv00190')).toBe(fourth.servers?.get('be_0004/srv00190'));
    client.close();
  });

  it("keeps a server's state object when only its health check's state moved, and takes those values in place", async () => {
    // With `check` on every server the check columns move all the time (a check in progress sets a bit of
    // srv_check_state and changes srv_check_result). The lab's servers have no checks, so the real reply is given
    // other values in those columns, as a checked server's reply has between two polls.
    const client = new HaproxyClient(unixSocket(haproxy.socket));
    let checkState = '6';
    const rewrite = (reply: string) => {
      const lines = reply.split('\n');
      const names = lines[1]!.slice(2).split(' ');
      const at = (name: string) => names.indexOf(name);
      return lines.map((line, i) => {
        if (i < 2 || line === '') return line;
        const fields = line.split(' ');
        fields[at('srv_check_state')] = checkState;
        fields[at('srv_check_result')] = checkState === '6' ? '3' : '1';
        fields[at('srv_check_health')] = checkState === '6' ? '4' : '3';
        return fields.join(' ');
      }).join('\n');
    };
    const api: RuntimeApi = {
      label: client.label,
      send: async (c) => (c.startsWith('show servers state') ? rewrite(await client.send(c)) : client.send(c)),
      close: () => client.close(),
    };
    const reader = new SnapshotReader(api, { serversEvery: 1 });
    const first = await reader.read();
    checkState = '7';
    const second = await reader.read();
    expect(second.servers).toBe(first.servers);
    const state = second.servers!.get('be_0001/srv00010')!;
    expect([state.checkState, state.checkResult, state.checkHealth]).toEqual([7, 1, 3]);

    // What lbtop reads there still makes a new state: an admin change.
    const [key, ready] = [...first.servers!].find(([k, v]) => k.startsWith('be_0001/') && k !== 'be_0001/srv00010' && v.adminState === 0)!;
    await rawCommand(haproxy.socket, `set server ${key} state maint`);
    const third = await reader.read();
    expect(third.servers).not.toBe(first.servers);
    expect(third.servers!.get(key)).not.toBe(ready);
    expect(third.servers!.get(key)!.adminState).not.toBe(0);
    expect([...third.servers!].filter(([k, v]) => v !== first.servers!.get(k)).map(([k]) => k)).toEqual([key]);
    await rawCommand(haproxy.socket, `set server ${key} state ready`);
    client.close();
  });
});

describe('SnapshotReader with health checks on a real HAProxy', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  // Every server checks a socket nobody listens on at first, so it goes DOWN; then the test listens there, and
  // with a rise counter so long each passing check moves the status's counter ("DOWN 1/5000", "DOWN 2/5000", …)
  // while the server stays DOWN: what a flapping server's backend shows on every poll in production.
  const server = (name: string) => `  server ${name} unix@@DIR@/later.sock check inter 30 rise 5000 fall 2\n`;
  const backend = (name: string) => `backend ${name}\n${server('a')}${server('b')}`;
  let listener: net.Server | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-reader-checks-'));
    const config = `${LAB_HEAD}frontend fe\n  bind unix@@DIR@/fe.sock\n  default_backend be_1\n${backend('be_1')}${backend('be_2')}`;
    haproxy = await startHaproxy({ name: 'lb', dir, config });
  });
  afterAll(async () => {
    listener?.close();
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("asks no servers state for a check counter, and one write for several backends' states", async () => {
    const client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive: true });
    const sent: string[][] = [];
    const api: RuntimeApi = {
      label: client.label,
      send: (c) => (sent.push([c]), client.send(c)),
      sendAll: (cs) => (sent.push([...cs]), client.sendAll(cs)),
      close: () => client.close(),
    };
    const reader = new SnapshotReader(api, { serversEvery: 1000 });
    const statusOf = (rows: readonly { proxy: string; name: string; status: string }[]) => rows.find((r) => r.proxy === 'be_1' && r.name === 'a')!.status;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 40));
    let before = await reader.read();
    for (let i = 0; i < 100 && statusOf(before.stats) !== 'DOWN'; i++) await pause().then(async () => (before = await reader.read()));
    expect(statusOf(before.stats)).toBe('DOWN');
    listener = net.createServer((conn) => conn.destroy());
    await new Promise<void>((resolve) => listener!.listen(path.join(haproxy.dir, 'later.sock'), resolve));
    for (let i = 0; i < 100 && !/^DOWN \d+\/5000$/.test(statusOf(before.stats)); i++) await pause().then(async () => (before = await reader.read()));
    expect(statusOf(before.stats)).toMatch(/^DOWN \d+\/5000$/);
    await reader.read(); // the servers state that went with the first counter
    before = await reader.read();
    let after = before;
    for (let i = 0; i < 100 && statusOf(after.stats) === statusOf(before.stats); i++) {
      before = after;
      await pause();
      sent.length = 0;
      after = await reader.read();
    }
    expect(statusOf(after.stats)).not.toBe(statusOf(before.stats));
    expect(statusOf(after.stats)).toMatch(/^DOWN \d+\/5000$/);
    expect(sent.flat().filter((c) => c.startsWith('show servers state'))).toEqual([]);
    expect(after.servers).toBe(before.servers);

    // A real change on two backends: their states are asked in one write.
    await rawCommand(haproxy.socket, 'set server be_1/a weight 7');
    await rawCommand(haproxy.socket, 'set server be_2/b weight 9');
    sent.length = 0;
    const changed = await reader.read();
    expect(sent.filter((batch) => batch.some((c) => c.startsWith('show servers state')))).toEqual([['show servers state be_1', 'show servers state be_2']]);
    expect(changed.servers!.get('be_1/a')!.userWeight).toBe(7);
    expect(changed.servers!.get('be_2/b')!.userWeight).toBe(9);
    expect(changed.servers!.get('be_1/b')).toBe(before.servers!.get('be_1/b'));
    client.close();
  });
});

/** One HTTP request through a frontend's unix socket; resolves when HAProxy closes the connection. */
function httpRequest(socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const conn = net.connect(socket, () => conn.end('GET / HTTP/1.0\r\nHost: lab\r\n\r\n'));
    conn.on('data', () => {});
    conn.on('close', () => resolve());
    conn.on('error', reject);
  });
}
