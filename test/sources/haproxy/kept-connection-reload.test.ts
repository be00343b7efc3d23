// Why a poll keeps its (prompt-mode) connection only while HAProxy says `Stopping: 0` (fleet-core.ts pollKept): a
// connection stays with the HAProxy process that accepted it, so after a reload it keeps reading the old worker's
// frozen stats.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { parseInfo } from '../../../src/sources/haproxy/parse-info.js';
import { unixSocket } from '../../../src/transport/local.js';

describe('a kept connection across a reload', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-kept-'));
    // hard-stop-after bounds how long the old worker may linger for the connection kept below.
    const config = generateConfig({ servers: 4, backends: 1, checks: false }).replace('global\n', 'global\n  hard-stop-after 30s\n');
    haproxy = await startHaproxy({ name: 'lb', dir, config });
  });
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees the old worker until it is closed, and the new one once it reconnects', async () => {
    const client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive: true });
    const pid = async () => parseInfo(await client.send('show info')).pid;
    const before = await pid();
    await haproxy.reload();
    // Still the same process: this is what would freeze a poll that never closed its connection.
    expect(await pid()).toBe(before);
    // A new connection reaches the new worker once the old one has let go of the listener (soft stop).
    const deadline = Date.now() + 10_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      client.close();
      after = await pid();
      if (after === before) await new Promise((r) => setTimeout(r, 100));
    }
    expect(after).not.toBe(before);
    // And the kept connection keeps answering from that new worker, until the next poll closes it.
    expect(await pid()).toBe(after);
    client.close();
  });
});
