// A TCP relay on loopback that holds the chunks a client sends when they match a pattern (a `set server`), and
// passes everything else at once: an LB whose reads answer but whose writes arrive late, like a worker busy
// with a long command or a link that stalls one packet. Held bytes are delivered even after the client gave up
// and closed, in order, before the close: a command in flight is not withdrawn by a timeout.
import { listenRelay, type Relay } from './relay-server.js';

export type HoldRelay = Relay;

export function startHoldRelay(target: { host: string; port: number }, hold: RegExp, holdMs: number): Promise<HoldRelay> {
  return listenRelay(target, (client, upstream) => {
    // Client → HAProxy in order: each chunk waits for the one before it (and for its own hold).
    let queue: Promise<void> = Promise.resolve();
    const later = (ms: number, then: () => void) => (queue = queue.then(() => new Promise<void>((r) => setTimeout(() => (then(), r()), ms))));
    client.on('data', (chunk: Buffer) => later(hold.test(chunk.toString('latin1')) ? holdMs : 0, () => upstream.writable && upstream.write(chunk)));
    client.on('end', () => later(0, () => upstream.end()));
    client.on('error', () => undefined);
    upstream.on('data', (chunk: Buffer) => client.writable && client.write(chunk));
    upstream.on('end', () => client.end());
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
  });
}
