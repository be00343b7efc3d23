// How lbtop, outside, reaches the sshds of a lab built in a user namespace. Without root nothing can be put in
// the host's network namespace (a veth end there needs CAP_NET_ADMIN in it), and lbtop's SSH client takes no
// ProxyCommand, so each sshd gets a TCP port on 127.0.0.1 here, relayed into the lab. The crossing is a unix
// socket in the lab directory: a path is seen by both sides, whatever their network namespace. One relay process
// inside (node, always installed with lbtop; no socat) listens on those sockets and connects to each sshd; this
// process listens on loopback and connects to the sockets. ssh_config then says `HostName 127.0.0.1`, `Port P`.
import net from 'node:net';
import path from 'node:path';
import type { NetnsLab } from './lab.js';

export interface SshRelay {
  /** Loopback port for each relayed host. */
  ports: Record<string, number>;
  close(): Promise<void>;
}

const INNER = `
const net = require('node:net');
const targets = JSON.parse(process.argv[1]);
let pending = targets.length;
for (const t of targets) {
  net.createServer((client) => {
    const upstream = net.connect(t.port, t.address);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  }).listen(t.path, () => { if (--pending === 0) process.stdout.write('ready\\n'); });
}
`;

export async function startSshRelay(lab: NetnsLab, targets: { host: string; port: number }[]): Promise<SshRelay> {
  const inner = targets.map((t) => ({ ...t, address: lab.host(t.host).address, path: path.join(lab.dir, `relay-${t.host}.sock`) }));
  const child = lab.spawnGateway([process.execPath, '-e', INNER, JSON.stringify(inner)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the SSH relay in the lab exited (${code}): ${stderr.trim()}`)));
  });
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => (sockets.add(s), s.once('close', () => sockets.delete(s)));
  const servers: net.Server[] = [];
  const ports: Record<string, number> = {};
  for (const t of inner) {
    const server = net.createServer((client) => {
      const upstream = net.connect({ path: t.path });
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    // Not holding lbtop open: the demo ends when its UI does.
    server.unref();
    servers.push(server);
    ports[t.host] = (server.address() as net.AddressInfo).port;
  }
  return {
    ports,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      child.kill('SIGKILL');
    },
  };
}
