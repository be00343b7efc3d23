// A small HAProxy (seed 003: 3 servers on every Kubernetes node) is read with one full `show stat` per poll even
// with a focus: a focused read would be two commands (proxies, then the backend), a round trip more over SSH.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient, type RuntimeApi } from '../../../src/sources/haproxy/client.js';
import { SnapshotReader } from '../../../src/sources/haproxy/read-snapshot.js';
import { unixSocket } from '../../../src/transport/local.js';

const CONFIG = `${LAB_HEAD}frontend api-front
  bind unix@@DIR@/fe.sock
  default_backend api-backend
backend api-backend
  server master1 127.0.0.1:1
  server master2 127.0.0.1:2
  server master3 127.0.0.1:3
`;

describe('focused polling on a small HAProxy', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-focus-small-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: CONFIG });
  });
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every row with one command per poll, the backend on screen or not', async () => {
    const client = new HaproxyClient(unixSocket(haproxy.socket));
    const sent: string[] = [];
    const api: RuntimeApi = { label: client.label, send: (c) => (sent.push(c), client.send(c)), close: () => client.close() };
    const reader = new SnapshotReader(api, { fullEvery: 5, serversEvery: 100 });
    reader.setFocus(new Set(['api-backend']));
    await reader.read(); // proxies first, as for any focus
    await reader.read(); // then everything
    sent.length = 0;
    for (let i = 0; i < 3; i++) {
      const snapshot = await reader.read();
      expect(snapshot.stats.filter((r) => r.kind === 'server').map((r) => r.name)).toEqual(['master1', 'master2', 'master3']);
    }
    expect(sent.filter((c) => c.startsWith('show stat'))).toEqual(['show stat', 'show stat', 'show stat']);
    client.close();
  });
});
