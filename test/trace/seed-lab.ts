// The seeds' configs on loopback for the live trace tests: the config text as written with only addresses and
// paths changed, servers that answer with their own address (so the backend HAProxy chose is read from the
// server that answered: every backend of the seeds has its own set of addresses), and the requests: HTTP, HTTPS
// with an SNI, or raw bytes (a TLS ClientHello) for TCP frontends.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { HaproxyConfig } from '../../src/model/haproxy-config.js';

/** Rewrites addresses of a config as written: each [from, to] on whole words, in order. */
export function relocate(text: string, moves: readonly [RegExp, string][]): string {
  return moves.reduce((t, [from, to]) => t.replace(from, to), text);
}

/** Backend of each server address ("ip:port") in the config; listen sections count as backends. */
export function serverOwners(config: HaproxyConfig): Map<string, string> {
  const owners = new Map<string, string>();
  for (const p of config.proxies) for (const s of p.servers) owners.set(s.address, p.name);
  return owners;
}

/** A raw server per address that answers any bytes (HTTP, PROXY protocol + HTTP, a ClientHello) with its name. */
export async function identityServers(addresses: Iterable<string>): Promise<net.Server[]> {
  const servers: net.Server[] = [];
  for (const address of addresses) {
    const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      // Wait a moment after the first bytes, so that a PROXY header and the request behind it are both in.
      socket.once('data', () => setTimeout(() => socket.end(`HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${address.length}\r\nconnection: close\r\n\r\n${address}`), 20));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    servers.push(server);
  }
  return servers;
}

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function collect(res: http.IncomingMessage, resolve: (a: Answer) => void): void {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
}

/** One HTTP request (TLS with this SNI when `sni` is a string; '' sends none) to host:port. */
export function request(address: { host: string; port: number }, hostHeader: string | null, urlPath: string, sni?: string, extra: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...extra, connection: 'close' };
    if (hostHeader !== null) headers.host = hostHeader;
    const options = { host: address.host, port: address.port, path: urlPath, headers, setHost: false, agent: false as const };
    const req = sni === undefined
      ? http.request(options, (res) => collect(res, resolve))
      : https.request({ ...options, rejectUnauthorized: false, servername: sni }, (res) => collect(res, resolve));
    req.on('error', reject);
    req.end();
  });
}

/** The bytes of a real ClientHello for this SNI, sent raw to a TCP frontend; the reply as latin1 text. */
export function clientHelloExchange(address: { host: string; port: number }, sni: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const capture = net.createServer((socket) => {
      socket.once('data', (hello: Buffer) => {
        socket.destroy();
        capture.close();
        const out = net.createConnection(address);
        let text = '';
        out.setEncoding('latin1');
        out.on('data', (chunk: string) => (text += chunk));
        out.on('error', reject);
        out.on('close', () => resolve(text));
        out.write(hello);
      });
    });
    capture.listen(0, '127.0.0.1', () => {
      const { port } = capture.address() as net.AddressInfo;
      tls.connect({ host: '127.0.0.1', port, servername: sni, rejectUnauthorized: false }).on('error', () => undefined);
    });
  });
}

/** Bytes to a TCP frontend; the reply as latin1 text once the server closes. */
export function rawExchange(address: { host: string; port: number }, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(address);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    socket.write(bytes);
  });
}
