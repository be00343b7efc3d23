// A loopback TCP server for the lab's relays (slow-relay.ts, hold-relay.ts): each client gets a connection to the
// target, the relay decides how bytes cross, and close() ends every socket it made.
import net from 'node:net';

export interface Relay {
  port: number;
  close(): Promise<void>;
}

export async function listenRelay(target: { host: string; port: number }, relay: (client: net.Socket, upstream: net.Socket) => void): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => (sockets.add(socket), socket.once('close', () => sockets.delete(socket)));
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    track(client);
    track(upstream);
    relay(client, upstream);
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
