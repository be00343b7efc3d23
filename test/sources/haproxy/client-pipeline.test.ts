// A poll's kept connection sends `prompt` in the same write as its first command (pipelinePrompt): over SSH one
// packet and one round trip less per poll, 500 of them a second at seed 003's fleet size. Real HAProxy 2.6 answers
// them in order; the writes are recorded on the real socket stream to see what went out together.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { parseInfo } from '../../../src/sources/haproxy/parse-info.js';
import { unixSocket } from '../../../src/transport/local.js';
import type { StreamConnector } from '../../../src/transport/types.js';

const CONFIG = `${LAB_HEAD}backend api-backend
  server master1 127.0.0.1:1
`;

/** The real unix-socket connector, with every write on its streams recorded. */
function recorded(socket: string): { connector: StreamConnector; writes: string[] } {
  const real = unixSocket(socket);
  const writes: string[] = [];
  const connector: StreamConnector = {
    label: real.label,
    async connect(timeoutMs) {
      const stream: Duplex = await real.connect(timeoutMs);
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        writes.push(String(chunk));
        return write(chunk, ...rest);
      }) as Duplex['write'];
      return stream;
    },
  };
  return { connector, writes };
}

describe('prompt pipelined with the first command', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-pipeline-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: CONFIG });
  });
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes prompt and the first command at once, and every reply is the one asked for', async () => {
    const { connector, writes } = recorded(haproxy.socket);
    const client = new HaproxyClient(connector, { keepAlive: true, pipelinePrompt: true });
    expect(parseInfo(await client.send('show info')).pid).toBeGreaterThan(0);
    expect(await client.send('show stat')).toMatch(/^api-backend,master1,/m);
    expect(await client.send('show servers state api-backend')).toMatch(/ api-backend \d+ master1 127\.0\.0\.1 /);
    expect(writes).toEqual(['prompt\nshow info\n', 'show stat\n', 'show servers state api-backend\n']);
    // A poll ends by closing; the next one opens a connection of its own, prompt pipelined again.
    client.close();
    expect(await client.send('show stat')).toMatch(/^api-backend,master1,/m);
    expect(writes.slice(3)).toEqual(['prompt\nshow stat\n']);
    client.close();
  });

  it('without the option (writes), prompt is answered before the first command goes', async () => {
    const { connector, writes } = recorded(haproxy.socket);
    const client = new HaproxyClient(connector, { keepAlive: true });
    expect(await client.send('show stat')).toMatch(/^api-backend,master1,/m);
    expect(writes).toEqual(['prompt\n', 'show stat\n']);
    client.close();
  });
});
