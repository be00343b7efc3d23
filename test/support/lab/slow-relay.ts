// A TCP relay on loopback that holds every chunk for `delayMs` in each direction: a long, slow link to a lab
// host, for tests of timeouts, without `tc netem` (a kernel module that minimal VMs and CI containers often lack).
// Order is kept: timers of one duration fire in the order they were set.
import type net from 'node:net';
import { listenRelay, type Relay } from './relay-server.js';

export type SlowRelay = Relay;

export function startSlowRelay(target: { host: string; port: number }, delayMs: number): Promise<SlowRelay> {
  return listenRelay(target, (client, upstream) => {
    const relay = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk: Buffer) => setTimeout(() => to.writable && to.write(chunk), delayMs));
      from.on('end', () => setTimeout(() => to.end(), delayMs));
      from.on('error', () => to.destroy());
      from.on('close', () => setTimeout(() => to.destroy(), delayMs));
    };
    relay(client, upstream);
    relay(upstream, client);
  });
}
