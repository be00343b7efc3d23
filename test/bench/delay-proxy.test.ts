// The SSH fleet benchmark's link latency (this kernel has no netem): a relay on loopback that holds each chunk
// `delayMs` in each direction and passes every byte on, in order.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from '../../bench/lib/delay-proxy.js';

describe('delay proxy', () => {
  let echo: net.Server;
  let port: number;
  let proxy: DelayProxy;
  beforeAll(async () => {
    echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    port = (echo.address() as net.AddressInfo).port;
    proxy = await startDelayProxy([{ host: '127.0.0.1', port }], 40);
  });
  afterAll(async () => {
    await proxy?.stop();
    echo.close();
  });

  it('adds the delay each way and passes every byte in order', async () => {
    const relayPort = proxy.ports.get(`127.0.0.1:${port}`)!;
    expect(relayPort).toBeGreaterThan(0);
    const socket = net.connect(relayPort, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const payload = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const received: Buffer[] = [];
    let length = 0;
    const started = performance.now();
    const done = new Promise<number>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        length += chunk.length;
        if (length >= payload.length) resolve(performance.now() - started);
      }),
    );
    socket.write(payload.subarray(0, 100_000));
    socket.write(payload.subarray(100_000));
    const roundTrip = await done;
    expect(Buffer.concat(received).equals(payload)).toBe(true);
    // 40 ms there and 40 ms back, whatever the chunking.
    expect(roundTrip).toBeGreaterThanOrEqual(78);
    // A clean close goes through and comes back as one: the echo server ends its side when ours ends.
    const ended = new Promise<boolean>((resolve) => socket.once('end', () => resolve(true)));
    socket.end();
    expect(await ended).toBe(true);
  });
});
