// SnapshotReader against a real HAProxy: unchanged rows keep their identity from poll to poll, and
// `show servers state` is asked again for a backend whose server row changed, and whole every `serversEvery` polls.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../../../src/lab/generate-config.js';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
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
    const reader = new SnapshotReader(api, { serversEvery: 3 });
    const first = await reader.read();
    expect(sent).toEqual(['show info', 'show stat', 'show servers state']);
    expect(first.servers?.size).toBe(200);

    sent.length = 0;
    const second = await reader.read();
    expect(sent).toEqual(['show info', 'show stat']);
    expect(second.servers).toBe(first.servers);
    expect(second.stats.every((row, i) => row === first.stats[i])).toBe(true);

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
    expect(third.stats.filter((row, i) => row !== second.stats[i] && row.kind === 'server').map((r) => r.name)).toEqual(['srv00060']);

    // Every `serversEvery` polls all of it again (a per-backend read does not reset the count).
    sent.length = 0;
    const fourth = await reader.read();
    expect(sent.filter((c) => c.startsWith('show servers state'))).toEqual(['show servers state']);
    // Re-read, yet every unchanged server keeps its state object (only its age differs).
    expect(fourth.servers).not.toBe(third.servers);
    expect([...fourth.servers!].every(([key, state]) => state === third.servers!.get(key))).toBe(true);
    client.close();
  });
});
