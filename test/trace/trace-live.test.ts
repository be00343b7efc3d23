// Cross-check of the route trace against a real HAProxy 2.6: the lab config of fixtures/haproxy-routing runs with
// its frontends on unix sockets, every HTTP backend answers its own name (`http-request return`), the TCP
// backends are unix sockets served here that write their name. Each row of the table is sent for real (HTTP
// with its Host header and path; for SNI rows, a real TLS ClientHello from node:tls) and the backend HAProxy
// chose must be the one the trace predicts.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { explainFrontend } from '../../src/trace/explain.js';
import { traceRoute } from '../../src/trace/trace.js';
import { httpGet, labConfig, outcomeOf, requestOf, ROWS, type Row } from './table.js';

const fixtures = new URL('../../fixtures/haproxy-routing/', import.meta.url);
const SOCKETS: Record<Row['frontend'], string> = { k8s_http_lb_frontend: 'http.sock', default: 'default.sock', www: 'www.sock', edge: 'edge.sock', https: 'https.sock' };


/** The bytes of a real ClientHello carrying this SNI, captured from node:tls on a throwaway socket. */
function clientHello(captureSock: string, sni: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        resolve(chunk);
        socket.destroy();
        server.close();
      });
    });
    server.on('error', reject);
    server.listen(captureSock, () => {
      tls.connect({ path: captureSock, servername: sni, rejectUnauthorized: false }).on('error', () => undefined);
    });
  });
}

function tcpExchange(socketPath: string, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    socket.write(bytes);
  });
}

describe('route trace agrees with a real HAProxy on every row of the table', () => {
  let root: string;
  let dir: string;
  let haproxy: HaproxyProcess;
  const servers: net.Server[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-trace-'));
    dir = path.join(root, 'lb');
    mkdirSync(path.join(dir, 'maps'), { recursive: true });
    for (const f of readdirSync(new URL('maps/', fixtures))) copyFileSync(new URL(`maps/${f}`, fixtures), path.join(dir, 'maps', f));
    for (const name of ['k3s-https-ingress', 'k8s-https-ingress']) {
      const server = net.createServer((socket) => {
        socket.on('error', () => undefined);
        socket.end(name);
      });
      await new Promise<void>((resolve) => server.listen(path.join(dir, `${name}.sock`), resolve));
      servers.push(server);
    }
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: readFileSync(new URL('haproxy.cfg', fixtures), 'utf8') });
  });
  afterAll(async () => {
    await haproxy?.stop();
    for (const server of servers) server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(ROWS.map((row, i) => [`${i + 1}. ${row.frontend} ${row.host ?? row.sni ?? '(no host)'}${row.path ?? ''}`, i, row] as const))('%s', async (_name, i, row) => {
    const { config, tables } = labConfig(dir);
    const predicted = traceRoute(config, requestOf(row), { tables, frontend: row.frontend }).frontends[0]!;
    const socket = path.join(dir, SOCKETS[row.frontend]);
    const actual = row.sni !== undefined
      ? await tcpExchange(socket, await clientHello(path.join(root, `hello-${i}.sock`), row.sni))
      : await httpGet(socket, row.host, row.path ?? '/');
    expect(actual, explainFrontend(predicted).join('\n')).toBe(outcomeOf(predicted));
    expect(actual).toBe(row.expect);
  });
});
