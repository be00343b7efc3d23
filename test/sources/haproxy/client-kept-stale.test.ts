// A poll's connection is kept between polls (fleet-core.ts pollKept); HAProxy may close it in the meantime (its
// `stats timeout` ends an idle CLI session) at the moment the next poll writes. A poll's client (reads only) then
// asks again once on a fresh connection; a client that may write never sends a line twice. The close has to come
// right after the write, which a real socket cannot be made to do on cue: the peer is a scripted prompt-mode CLI.
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ReplyLostError } from '../../../src/model/errors.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import type { StreamConnector } from '../../../src/transport/types.js';

/** Answers "x" with "x-reply"; each connection answers `answers` writes, then closes on the next without a word. */
function closingCli(answers: number): { connector: StreamConnector; connections: () => number; lines: string[] } {
  let connections = 0;
  const lines: string[] = [];
  const connector: StreamConnector = {
    label: 'scripted',
    async connect() {
      connections += 1;
      let left = answers;
      const stream = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, done) {
          if (left-- === 0) {
            done();
            return void setImmediate(() => stream.destroy());
          }
          for (const line of chunk.toString().split('\n').filter(Boolean)) {
            lines.push(line);
            stream.push(line === 'prompt' ? '\n> ' : `${line}-reply\n\n> `);
          }
          done();
        },
      });
      return stream;
    },
  };
  return { connector, connections: () => connections, lines };
}

describe('a kept connection closed while idle', () => {
  it("a poll's client asks again on a fresh connection, and gets its replies in order", async () => {
    const cli = closingCli(1);
    const client = new HaproxyClient(cli.connector, { keepAlive: true, pipelinePrompt: true });
    const texts = async () => (await client.sendAll(['show info', 'show stat'])).map(String);
    expect(await texts()).toEqual(['show info-reply\n\n', 'show stat-reply\n\n']);
    expect(await texts()).toEqual(['show info-reply\n\n', 'show stat-reply\n\n']);
    expect(cli.connections()).toBe(2);
    client.close();
  });

  it('a client that may write reports the loss instead of sending again', async () => {
    const cli = closingCli(2);
    const client = new HaproxyClient(cli.connector, { keepAlive: true });
    expect(await client.send('set server be/s1 state drain')).toBe('set server be/s1 state drain-reply\n\n');
    await expect(client.send('set server be/s2 state drain')).rejects.toBeInstanceOf(ReplyLostError);
    expect(cli.lines.filter((l) => l.startsWith('set'))).toEqual(['set server be/s1 state drain']);
    client.close();
  });
});
