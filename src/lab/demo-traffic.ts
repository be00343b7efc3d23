// The demo's live traffic: requests with cluster Host headers to every http frontend (TLS with SNI to the https
// one, whose demo certificates nobody trusts), at a rate that drifts so graphs move, from a handful of clients
// (X-Forwarded-For: the pair's rate limiter tracks them; one is noisy enough to be refused with 429). Beside it:
// two long sessions kept open on the pair (a download that takes minutes: a drain of the server holding one
// waits for it, SESSIONS lists it), and now and then a malformed request, which HAProxy refuses and captures
// (`show errors`, the CAPTURES view).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { DEMO_HOSTS } from './demo-configs.js';

const CLIENTS = Array.from({ length: 12 }, (_, i) => `203.0.113.${10 + i * 7}`);
const NOISY = '198.51.100.66';
const LONG_HOLD_MS = 10 * 60_000;

/** Starts the traffic; returns what stops it. */
export function startDemoTraffic(dir: string, perSecond: number): () => void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const tls = new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false });
  const homelab = (s: string, paths = ['/']) => ({ socketPath: path.join(dir, 'homelab', s), hosts: DEMO_HOSTS.homelab, paths });
  const pair = ['lb-0', 'lb-1'].map((lb) => path.join(dir, lb, 'http.sock'));
  const targets = [
    homelab('http.sock'), homelab('https.sock'), homelab('default.sock'), homelab('www.sock', ['/', '/api/v1', '/login']),
    ...pair.map((socketPath) => ({ socketPath, hosts: DEMO_HOSTS.pair, paths: ['/'] })),
  ];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
  let phase = 0;
  const timer = setInterval(() => {
    phase += 0.05;
    const burst = Math.max(1, Math.round((perSecond / 10) * (1 + 0.6 * Math.sin(phase))));
    for (let i = 0; i < burst; i += 1) {
      const target = pick(targets);
      const host = pick(target.hosts);
      const secure = target.socketPath.endsWith('https.sock');
      const options = { socketPath: target.socketPath, path: pick(target.paths), headers: { host, 'x-forwarded-for': pick(CLIENTS) } };
      const req = secure ? https.request({ ...options, agent: tls, servername: host }, (res) => res.resume()) : http.request({ ...options, agent }, (res) => res.resume());
      req.on('error', () => undefined); // a down backend or a stopping lab is part of the demo
      req.end();
    }
    // The noisy client: 10 requests per second to lb-0, over its limit of 40 per 10 s within seconds.
    get(pair[0]!, '/', NOISY, agent);
  }, 100);
  timer.unref();
  // Two long sessions, renewed when they end, on each LB of the pair (new connections, no keep-alive pool).
  const long = new http.Agent({ keepAlive: false });
  let stopped = false;
  const hold = (socketPath: string) => {
    if (stopped) return;
    const req = http.request({ socketPath, path: `/download?hold=${LONG_HOLD_MS}`, headers: { host: 'whoami.domain.tld', 'x-forwarded-for': CLIENTS[0]! }, agent: long }, (res) => {
      res.resume();
      res.on('end', () => setTimeout(() => hold(socketPath), 1000).unref());
    });
    req.on('error', () => setTimeout(() => hold(socketPath), 2000).unref());
    req.end();
  };
  for (const socketPath of pair) for (let i = 0; i < 2; i += 1) hold(socketPath);
  const bad = setInterval(() => sendMalformed(pair[0]!, path.join(dir, 'homelab', 'http.sock')), 20_000);
  bad.unref();
  sendMalformed(pair[0]!, path.join(dir, 'homelab', 'http.sock'));
  return () => {
    stopped = true;
    clearInterval(timer);
    clearInterval(bad);
    agent.destroy();
    tls.destroy();
    long.destroy();
  };
}

function get(socketPath: string, at: string, client: string, agent: http.Agent): void {
  http.request({ socketPath, path: at, headers: { host: 'blog.domain.tld', 'x-forwarded-for': client }, agent }, (res) => res.resume()).on('error', () => undefined).end();
}

/** Requests HAProxy refuses with 400 and keeps in `show errors`: a space in a header name, a control byte in the path. */
const MALFORMED = [
  'GET /login HTTP/1.1\r\nHost: whoami.domain.tld\r\nX-Forwarded For: 203.0.113.99\r\n\r\n',
  'GET /api/v1/items\x01?debug=1 HTTP/1.1\r\nHost: api.k8s01.example.net\r\n\r\n',
];

function sendMalformed(...sockets: string[]): void {
  for (const socketPath of sockets) {
    const conn = net.connect(socketPath, () => conn.end(MALFORMED[Math.floor(Math.random() * MALFORMED.length)]!));
    conn.on('error', () => undefined);
    conn.on('data', () => undefined);
    conn.setTimeout(5000, () => conn.destroy());
  }
}
