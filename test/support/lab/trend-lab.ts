// A real HAProxy for the trend tests: a frontend whose /bad requests go to a server answering 500 and the rest
// to one answering 200 (both are frontends of the same HAProxy), so a test can make real 5xx and session rates;
// be_nodes has servers at addresses (one by hostname) and weights to find and sort by; nothing listens there.
import net from 'node:net';
import path from 'node:path';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { SnapshotReader } from '../../../src/sources/haproxy/read-snapshot.js';
import type { HaproxySnapshot } from '../../../src/model/haproxy.js';
import { unixSocket } from '../../../src/transport/local.js';

export const TREND_CONFIG = `${LAB_HEAD}
frontend fe_web
  bind unix@@DIR@/web.sock
  use_backend be_bad if { path_beg /bad }
  default_backend be_ok
backend be_ok
  server ok1 unix@@DIR@/ok.sock
backend be_bad
  server bad1 unix@@DIR@/bad.sock
frontend ok_srv
  bind unix@@DIR@/ok.sock
  http-request return status 200
frontend bad_srv
  bind unix@@DIR@/bad.sock
  http-request return status 500
resolvers lab
  parse-resolv-conf
backend be_nodes
  server node-a 127.0.64.11:9100
  server node-b 127.0.64.12:9100 weight 50
  server slot localhost:9 resolvers lab init-addr libc,none
`;

export function startTrendLab(dir: string, name = 'lb'): Promise<HaproxyProcess> {
  return startHaproxy({ name, dir, config: TREND_CONFIG });
}

/** `count` HTTP/1.0 requests for `url` through fe_web, one after the other; resolves with their status codes. */
export async function requests(lb: HaproxyProcess, url: string, count: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push(await request(path.join(lb.dir, 'web.sock'), url));
  return codes;
}

function request(socket: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let reply = '';
    const conn = net.connect(socket, () => conn.end(`GET ${url} HTTP/1.0\r\nHost: lab\r\n\r\n`));
    conn.on('data', (chunk) => (reply += chunk.toString()));
    conn.on('close', () => resolve(Number(/^HTTP\/1\.\d (\d{3})/.exec(reply)?.[1] ?? 0)));
    conn.on('error', reject);
  });
}

/** Polls as the TUI does (SnapshotReader over the admin socket). */
export function poller(lb: HaproxyProcess): { read(): Promise<HaproxySnapshot>; close(): void } {
  const client = new HaproxyClient(unixSocket(lb.socket));
  const reader = new SnapshotReader(client);
  return { read: () => reader.read(), close: () => client.close() };
}
