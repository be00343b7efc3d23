// A kept (prompt-mode) connection that receives text after a reply was framed (HAProxy's second reply to a line
// that chained two commands, arriving in a later chunk) is out of step: the client drops it rather than hand that
// text to the next command as its reply. The chunk boundary cannot be forced on a real socket, so the peer here
// is a scripted stream that answers the way HAProxy's CLI does in prompt mode.
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import type { StreamConnector } from '../../../src/transport/types.js';

/** A prompt-mode CLI: "prompt" answers a prompt; "a;b" answers a, then b in a later chunk; x answers "x-reply". */
function scriptedCli(): { connector: StreamConnector; connections: () => number } {
  let connections = 0;
  const connector: StreamConnector = {
    label: 'scripted',
    async connect() {
      connections += 1;
      const stream = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString().split('\n').filter(Boolean)) {
            if (line === 'prompt') stream.push('\n> ');
            else {
              const [first, ...later] = line.split(';');
              stream.push(`${first}-reply\n\n> `);
              for (const next of later) setTimeout(() => stream.push(`${next}-reply\n\n> `), 20);
            }
          }
          done();
        },
      });
      return stream;
    },
  };
  return { connector, connections: () => connections };
}

describe('a kept connection out of step', () => {
  it('is dropped, and the next command gets its own reply on a fresh connection', async () => {
    const { connector, connections } = scriptedCli();
    const client = new HaproxyClient(connector, { keepAlive: true });
    expect(await client.send('one;two')).toBe('one-reply\n\n');
    await new Promise((r) => setTimeout(r, 60)); // "two-reply" arrives, unasked for
    expect(await client.send('three')).toBe('three-reply\n\n');
    expect(connections()).toBe(2);
    expect(await client.send('four')).toBe('four-reply\n\n');
    expect(connections()).toBe(2);
    client.close();
  });
});
