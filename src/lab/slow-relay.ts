// A TCP relay on loopback that holds every chunk for `delayMs` in each direction: a long, slow link to a lab
// host, for tests of timeouts, without `tc netem` (a kernel module that minimal VMs and CI containers often lack).
// Order is kept: timers of one duration fire in the order they were set.
import net from 'node:net';

export interface SlowRelay {
  port: number;
  close(): Promise<void>;
}

export async function startSlowRelay(target: { host: string; port: number }, delayMs: number): Promise<SlowRelay> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => (sockets.add(socket), socket.once('close', () => sockets.delete(socket)));
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    track(client);
    track(upstream);
    const relay = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk: Buffer) => setTimeout(() => to.writable && to.write(chunk), delayMs));
      from.on('end', () => setTimeout(() => to.end(), delayMs));
      from.on('error', () => to.destroy());
      from.on('close', () => setTimeout(() => to.destroy(), delayMs));
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
