// Focused polling against a real HAProxy: the first read is frontends and backends only, then the backends on
// screen are read every poll, an off-screen backend as soon as its row says a server moved, and everything every
// `fullEvery` polls; what does not fit the last full read (a server added at runtime) falls back to a full read.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../../support/lab/generate-config.js';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import type { HaproxySnapshot } from '../../../src/model/haproxy.js';
import { HaproxyClient, type RuntimeApi } from '../../../src/sources/haproxy/client.js';
import { parseInfo } from '../../../src/sources/haproxy/parse-info.js';
import { SnapshotReader } from '../../../src/sources/haproxy/read-snapshot.js';
import { diffSnapshots } from '../../../src/store/diff.js';
import { unixSocket } from '../../../src/transport/local.js';

describe('focused polling on a real HAProxy', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-focus-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 200, backends: 4, checks: false }) });
  });
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const recording = () => {
    const client = new HaproxyClient(unixSocket(haproxy.socket));
    const sent: string[] = [];
    const api: RuntimeApi = { label: client.label, send: (c) => (sent.push(c), client.send(c)), close: () => client.close() };
    return { api, sent };
  };
  const server = (s: HaproxySnapshot, backend: string, name: string) => s.stats.find((r) => r.proxy === backend && r.name === name)!;

  it('reads a small HAProxy (up to SMALL_STAT_ROWS rows) whole on every poll, focus or not', async () => {
    const { api, sent } = recording();
    const reader = new SnapshotReader(api, { fullEvery: 100, serversEvery: 100 });
    reader.setFocus(new Set(['be_0002']));
    // The first screen's reads (the proxies with the first backends' servers, then the servers on screen) come
    // first; once every row has been read, a small HAProxy is read whole.
    for (let i = 0; i < 5 && (await reader.read()).serversPending; i++);
    sent.length = 0;
    await reader.read();
    await reader.read();
    await reader.read();
    expect(sent.filter((c) => c.startsWith('show stat'))).toEqual(['show stat', 'show stat', 'show stat']);
    api.close();
  });

  it('reads proxies first, then all, then the screen and what moved, and all again every fullEvery polls', async () => {
    const { api, sent } = recording();
    const reader = new SnapshotReader(api, { fullEvery: 3, serversEvery: 100, fullUpToRows: 0 });
    reader.setFocus(new Set());

    const first = await reader.read();
    const firstIid = (backend: string) => first.stats.find((r) => r.kind === 'backend' && r.proxy === backend)!.iid;
    // The proxies, with the servers of the first two backends (the likeliest on a first screen).
    expect(sent).toEqual(['show info', 'show stat -1 3 -1', `show stat ${firstIid('be_0001')} 4 -1`, `show stat ${firstIid('be_0002')} 4 -1`]);
    expect(first.serversPending).toBe(true);
    expect(new Set(first.stats.filter((r) => r.kind === 'server').map((r) => r.proxy))).toEqual(new Set(['be_0001', 'be_0002']));
    expect(first.stats.filter((r) => r.kind === 'backend').map((r) => r.proxy)).toEqual(['be_0001', 'be_0002', 'be_0003', 'be_0004']);

    sent.length = 0;
    const second = await reader.read();
    expect(sent).toEqual(['show info', 'show stat', 'show servers state']);
    expect(second.serversPending).toBeFalsy();
    expect(second.stats.filter((r) => r.kind === 'server')).toHaveLength(200);
    // The servers arriving after a proxies-only poll are no news: no "server appeared" events.
    expect(diffSnapshots('lb', first, second).events).toEqual([]);

    reader.setFocus(new Set(['be_0002']));
    sent.length = 0;
    const third = await reader.read();
    const be2 = second.stats.find((r) => r.kind === 'backend' && r.proxy === 'be_0002')!;
    expect(sent).toEqual(['show info', 'show stat -1 3 -1', `show stat ${be2.iid} 4 -1`]);
    expect(third.stats).toHaveLength(second.stats.length);
    // Nothing changed: every row keeps its identity, whichever command read it.
    expect(third.stats.every((row, i) => row === second.stats[i])).toBe(true);
    // And the array itself is handed back: a quiet poll allocates no 10,000-row array for the old generation.
    expect(third.stats).toBe(second.stats);

    // An off-screen backend is read as soon as its row shows a server moved (here: its total weight).
    await rawCommand(haproxy.socket, 'set server be_0004/srv00190 state drain');
    sent.length = 0;
    const fourth = await reader.read();
    const be4 = second.stats.find((r) => r.kind === 'backend' && r.proxy === 'be_0004')!;
    expect(sent).toEqual(['show info', 'show stat -1 3 -1', `show stat ${be2.iid} 4 -1`, `show stat ${be4.iid} 4 -1`, 'show servers state be_0004']);
    expect(server(fourth, 'be_0004', 'srv00190').status).toBe('DRAIN');
    expect(fourth.stats).not.toBe(third.stats);
    expect(server(third, 'be_0004', 'srv00190').status).not.toBe('DRAIN');
    expect(diffSnapshots('lb', third, fourth).events.map((e) => `${e.kind} ${e.subject} ${e.to}`)).toContain('server-status be_0004/srv00190 DRAIN');

    // fullEvery: 3 → the third read after the last full one (the second) is full again, and keeps identities.
    sent.length = 0;
    const fifth = await reader.read();
    expect(sent.filter((c) => c.startsWith('show stat'))).toEqual(['show stat']);
    expect(fifth.stats.filter((row, i) => row !== fourth.stats[i])).toEqual([]);
    expect(fifth.stats).toBe(fourth.stats);
    sent.length = 0;
    await reader.read();
    expect(sent.filter((c) => c.startsWith('show stat'))).toEqual(['show stat -1 3 -1', `show stat ${be2.iid} 4 -1`]);
    api.close();
  });

  it('reads everything less often than fullEvery when a full read would exceed fullRowsPerRead rows per poll', async () => {
    const { api, sent } = recording();
    // 50 rows a poll at most: the lab's ~210 rows stretch a full read every 2 polls to one every ceil(rows / 50).
    const reader = new SnapshotReader(api, { fullEvery: 2, fullRowsPerRead: 50, serversEvery: 100, fullUpToRows: 0 });
    reader.setFocus(new Set(['be_0001']));
    await reader.read(); // proxies
    await reader.read(); // the servers on screen
    const all = await reader.read(); // every row
    expect(all.stats.filter((r) => r.kind === 'server')).toHaveLength(200);
    const every = Math.ceil(all.stats.length / 50);
    expect(every).toBeGreaterThan(2);
    const full: boolean[] = [];
    for (let i = 0; i < 2 * every; i++) {
      sent.length = 0;
      await reader.read();
      full.push(sent.includes('show stat'));
    }
    // The read after the full one is poll 1 of `every`: full reads fall on polls every, 2 × every.
    expect(full.map((f, i) => (f ? i + 1 : 0)).filter(Boolean)).toEqual([every, 2 * every]);
    api.close();
  });

  it('once the screen names its backends, reads their servers before every row', async () => {
    const { api, sent } = recording();
    const reader = new SnapshotReader(api, { fullEvery: 100, firstBackends: 0 });
    reader.setFocus(new Set(['be_0003', 'be_0001']));
    const proxies = await reader.read();
    const iid = (backend: string) => proxies.stats.find((r) => r.kind === 'backend' && r.proxy === backend)!.iid;
    sent.length = 0;
    const screen = await reader.read();
    // HAProxy's order, not the set's; no `show servers state` until every row is in.
    expect(sent).toEqual(['show info', 'show stat -1 3 -1', `show stat ${iid('be_0001')} 4 -1`, `show stat ${iid('be_0003')} 4 -1`]);
    expect(screen.serversPending).toBe(true);
    const servers = screen.stats.filter((r) => r.kind === 'server');
    expect(new Set(servers.map((r) => r.proxy))).toEqual(new Set(['be_0001', 'be_0003']));
    expect(servers).toHaveLength(100);
    // Each backend's servers sit before its own row, as in `show stat`.
    const at = (kind: string, proxy: string) => screen.stats.findIndex((r) => r.kind === kind && r.proxy === proxy);
    expect(at('server', 'be_0001')).toBeLessThan(at('backend', 'be_0001'));
    expect(at('backend', 'be_0002')).toBeLessThan(at('server', 'be_0003'));
    sent.length = 0;
    const all = await reader.read();
    expect(sent).toEqual(['show info', 'show stat', 'show servers state']);
    expect(all.stats.filter((r) => r.kind === 'server')).toHaveLength(200);
    expect(diffSnapshots('lb', screen, all).events).toEqual([]);
    api.close();
  });

  it('reads everything again on the first poll after a reload', async () => {
    const { api, sent } = recording();
    const reader = new SnapshotReader(api, { fullEvery: 100, fullUpToRows: 0 });
    reader.setFocus(new Set(['be_0001']));
    await reader.read(); // proxies
    await reader.read(); // the servers on screen
    await reader.read(); // every row
    sent.length = 0;
    await reader.read();
    expect(sent.filter((c) => c === 'show stat')).toEqual([]);
    const pidOf = async () => parseInfo(await rawCommand(haproxy.socket, 'show info')).pid;
    const before = await pidOf();
    await haproxy.reload();
    // The old worker lets go of the listener a moment after the reload (soft stop).
    const deadline = Date.now() + 10_000;
    while ((await pidOf()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    sent.length = 0;
    const after = await reader.read();
    expect(sent.filter((c) => c.startsWith('show stat') || c.startsWith('show servers state'))).toEqual(['show stat', 'show servers state']);
    expect(after.stats.filter((r) => r.kind === 'server')).toHaveLength(200);
    api.close();
  });

  it('falls back to a full read in the same poll when a server was added at runtime', async () => {
    const { api, sent } = recording();
    const reader = new SnapshotReader(api, { fullEvery: 100, fullUpToRows: 0 });
    reader.setFocus(new Set(['be_0001']));
    await reader.read(); // proxies
    await reader.read(); // the servers on screen
    await reader.read(); // every row
    const reply = await rawCommand(haproxy.socket, 'add server be_0001/added 127.0.0.1:9 weight 1');
    expect(reply).toMatch(/New server registered/);
    sent.length = 0;
    const after = await reader.read();
    expect(sent.filter((c) => c.startsWith('show stat'))).toEqual(['show stat -1 3 -1', expect.stringMatching(/^show stat \d+ 4 -1$/), 'show stat']);
    expect(after.stats.some((r) => r.proxy === 'be_0001' && r.name === 'added')).toBe(true);
    api.close();
  });
});
