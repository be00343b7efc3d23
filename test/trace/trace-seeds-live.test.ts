// The trace against a real HAProxy on the seeds' configs as written (fixtures/seeds/000/haproxy.cfg,
// 002/haproxy.cfg and seed 000's maps), with only addresses and paths changed: 192.168.64.N → 127.12.64.N and
// 192.0.2.N (the post's redacted xxx.xxx.xxx.N) → 127.12.2.N, ports kept; seed 000's `frontend default` and `frontend www` both `bind :80` (as
// written: the kernel would share port 80 between them), here on two loopback addresses; certificate, map,
// chroot and socket paths into the lab. Seed 000's k8s_http_lb_frontend is left out: HAProxy refuses it (an
// http frontend using mode tcp backends), which is the one thing that keeps seed 000 from loading.
// Every server answers with its own address; each backend has its own addresses, so the server that answered
// names the backend. The trace is asked with the port (HOST:PORT/PATH), which picks the frontends bound there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import type { HaproxyConfig } from '../../src/model/haproxy-config.js';
import type { PatternTables, TraceRequest } from '../../src/model/trace.js';
import { explainFrontend } from '../../src/trace/explain.js';
import { traceRoute } from '../../src/trace/trace.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { entriesOf, parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';
import { clientHelloExchange, identityServers, rawExchange, relocate, request, serverOwners } from './seed-lab.js';
import { outcomeOf } from './table.js';

const fixtures = new URL('../../fixtures/seeds/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

/** Seed 000 without the frontend HAProxy refuses: from its header to the next section. */
function withoutRefusedFrontend(text: string): string {
  return text.replace(/^frontend k8s_http_lb_frontend\n(?:(?!frontend |backend |listen ).*\n)*/m, '');
}

function seed000(dir: string): string {
  return relocate(withoutRefusedFrontend(read('000/haproxy.cfg')), [
    [/^stats socket \/var\/run\/haproxy\.sock/m, 'stats socket @SOCKET@'],
    [/^chroot \/var\/lib\/haproxy$/m, `chroot ${dir}`],
    [/192\.168\.64\./g, '127.12.64.'],
    [/crt \/etc\/haproxy\/certs\//, `crt ${dir}/certs/`],
    [/\/etc\/haproxy\/maps\//g, `${dir}/maps/`],
    [/^bind \*:9000$/m, 'bind 127.12.64.1:9000'],
    [/^(frontend default\n)bind :80$/m, '$1bind 127.12.64.1:80'],
    [/^(frontend www\n)bind :80$/m, '$1bind 127.12.64.2:80'],
  ]);
}

function seed002(dir: string): string {
  return relocate(read('002/haproxy.cfg'), [
    [/^stats socket \/run\/haproxy\/admin\.sock/m, 'stats socket @SOCKET@'],
    [/^chroot \/var\/lib\/haproxy$/m, `chroot ${dir}`],
    [/192\.0\.2\./g, '127.12.2.'],
    [/^bind :80$/m, 'bind 127.12.2.1:80'],
    [/^bind :443$/m, 'bind 127.12.2.1:443'],
  ]);
}

interface Row {
  seed: '000' | '002';
  frontend: string;
  at: { host: string; port: number };
  host?: string | null;
  path?: string;
  /** TLS: the SNI sent ('' for none) on an `ssl` bind; raw: a ClientHello (or bytes) to a TCP frontend. */
  tls?: string;
  raw?: string;
  expect: string;
}

const HTTPS0 = { host: '127.12.64.17', port: 443 };
const DEFAULT0 = { host: '127.12.64.1', port: 80 };
const WWW0 = { host: '127.12.64.2', port: 80 };
const HTTP2 = { host: '127.12.2.1', port: 80 };
const TCP2 = { host: '127.12.2.1', port: 443 };

const ROWS: Row[] = [
  // Seed 000, k8s_https_lb_frontend: hdr(host) regex ACLs behind `bind ... ssl`; its req.ssl_sni ACLs never hold.
  { seed: '000', frontend: 'k8s_https_lb_frontend', at: HTTPS0, host: 'web1.k8s01-dev.example.net', tls: 'web1.k8s01-dev.example.net', expect: 'https_k8s01_dev_backend' },
  { seed: '000', frontend: 'k8s_https_lb_frontend', at: HTTPS0, host: 'web1.k8s02-dev.example.net', tls: 'web1.k8s02-dev.example.net', expect: 'https_k8s02_dev_backend' },
  { seed: '000', frontend: 'k8s_https_lb_frontend', at: HTTPS0, host: 'web1.k8s01-dev.example.net:443', tls: 'web1.k8s01-dev.example.net', expect: 'k8s_https_lb_backend' },
  { seed: '000', frontend: 'k8s_https_lb_frontend', at: HTTPS0, host: 'other.example.org', tls: 'web1.k8s01-dev.example.net', expect: 'k8s_https_lb_backend' },
  { seed: '000', frontend: 'k8s_https_lb_frontend', at: HTTPS0, host: 'a.k8s02-dev.example.net', tls: '', expect: 'https_k8s02_dev_backend' },
  { seed: '000', frontend: 'k8s_https_lb_frontend', at: HTTPS0, host: 'A-B.k8s01-dev.example.net', tls: 'x.example.org', expect: 'https_k8s01_dev_backend' },
  { seed: '000', frontend: 'k8s_https_lb_frontend', at: HTTPS0, host: 'x.y.k8s01-dev.example.net', tls: 'x.y.k8s01-dev.example.net', expect: 'k8s_https_lb_backend' },
  // Seed 000, frontend default: req.hdr(host),lower,map_dom(hosts.map,be_default); no be_default backend exists.
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'nginx.k8s02-dev.example.net', expect: 'https_k8s02_dev_backend' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'NGINX2.K8S02-DEV.example.net', expect: 'https_k8s02_dev_backend' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'nginx.k8s01-dev.example.net:8080', expect: 'https_k8s01_dev_backend' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'foo.nginx.k8s01-dev.example.net', expect: 'https_k8s01_dev_backend' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'ngin2.k8s01-dev.example.net', expect: 'https_k8s01_dev_backend' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'nginx.k8s01.example.net', expect: '503' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'api.k8s01.example.net', expect: '503' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'k8s02-dev.example.net', expect: '503' },
  { seed: '000', frontend: 'default', at: DEFAULT0, host: 'unknown.example.org', expect: '503' },
  // Seed 000, frontend www: path,map_beg(routes.map,be_default); none of be_api, be_auth, be_default exists.
  { seed: '000', frontend: 'www', at: WWW0, host: 'shop.example.net', path: '/api/v1', expect: '503' },
  { seed: '000', frontend: 'www', at: WWW0, host: 'shop.example.net', path: '/login?next=/', expect: '503' },
  { seed: '000', frontend: 'www', at: WWW0, host: 'shop.example.net', path: '/', expect: '503' },
  // Seed 000, the TCP API frontend and the stats listener (which answers itself: 401 for its realm).
  { seed: '000', frontend: 'k3s-api-frontend', at: { host: '127.12.64.200', port: 6443 }, raw: 'hello', expect: 'k3s-backend' },
  { seed: '000', frontend: 'stats', at: { host: '127.12.64.1', port: 9000 }, host: 'lb.example.net:9000', path: '/stats', expect: 'stats' },
  // Seed 002, frontend http: hdr(host) -i ACLs.
  { seed: '002', frontend: 'http', at: HTTP2, host: 'whoami.domain.tld', expect: 'k8s-http-ingress' },
  { seed: '002', frontend: 'http', at: HTTP2, host: 'WHOAMI.Domain.tld', expect: 'k8s-http-ingress' },
  { seed: '002', frontend: 'http', at: HTTP2, host: 'test.domain.tld', expect: 'k3s-http-ingress' },
  { seed: '002', frontend: 'http', at: HTTP2, host: 'blog.domain.tld', path: '/2024/post?x=1', expect: 'k3s-http-ingress' },
  { seed: '002', frontend: 'http', at: HTTP2, host: 'blog.domain.tld:80', expect: 'k8s-http-ingress' },
  { seed: '002', frontend: 'http', at: HTTP2, host: 'other.example.org', expect: 'k8s-http-ingress' },
  { seed: '002', frontend: 'http', at: HTTP2, host: null, expect: 'k8s-http-ingress' },
  // Seed 002, frontend https (TCP): req_ssl_sni -i after `tcp-request content accept if clienthello`.
  { seed: '002', frontend: 'https', at: TCP2, raw: 'whoami.domain.tld', expect: 'k3s-https-ingress' },
  { seed: '002', frontend: 'https', at: TCP2, raw: 'TEST.DOMAIN.TLD', expect: 'k3s-https-ingress' },
  { seed: '002', frontend: 'https', at: TCP2, raw: 'blog.domain.tld', expect: 'k3s-https-ingress' },
  { seed: '002', frontend: 'https', at: TCP2, raw: 'other.domain.tld', expect: 'k8s-https-ingress' },
];

interface Lab {
  haproxy: HaproxyProcess;
  config: HaproxyConfig;
  tables: PatternTables;
  owners: Map<string, string>;
  version: string;
}

function requestOf(row: Row): TraceRequest {
  const base: TraceRequest = { path: row.path ?? '/', port: row.at.port };
  if (typeof row.host === 'string') base.host = row.host;
  if (row.tls) base.sni = row.tls;
  if (row.raw !== undefined && row.frontend === 'https') base.sni = row.raw;
  return base;
}

describe('the trace agrees with a real HAProxy on the seeds as written', () => {
  let root: string;
  const labs = new Map<string, Lab>();
  const servers: net.Server[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-trace-seeds-'));
    for (const seed of ['000', '002'] as const) {
      const dir = path.join(root, seed);
      mkdirSync(path.join(dir, 'maps'), { recursive: true });
      mkdirSync(path.join(dir, 'certs'), { recursive: true });
      const tables = new Map<string, { key: string; value?: string }[]>();
      for (const [name, fixture] of [['hosts.map', '000/maps/hosts.map'], ['routes.map', '000/maps/routes.map']]) {
        execFileSync('cp', [new URL(fixture!, fixtures).pathname, path.join(dir, 'maps', name!)]);
        tables.set(path.join(dir, 'maps', name!), entriesOf(parsePatternFile(read(fixture!), 'map')));
      }
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '2', '-subj', '/CN=seed.lab.test'], { stdio: 'ignore' });
      execFileSync('sh', ['-c', `cat "${dir}/c.pem" "${dir}/k.pem" > "${dir}/certs/lab.pem"`]);
      const text = seed === '000' ? seed000(dir) : seed002(dir);
      const config = parseHaproxyConfig(text.replaceAll('@SOCKET@', path.join(dir, 'lb', 'admin.sock')));
      const owners = serverOwners(config);
      servers.push(...(await identityServers(owners.keys())));
      // Seed 002's `maxconn 10000` asks for 20041 descriptors, over this machine's hard limit (20000): HAProxy's own
      // `-n` lowers it from the command line, leaving the config as written.
      const haproxy = await startHaproxy({ name: 'lb', dir, config: text, wrap: ['sh', '-c', 'exec "$@" -n 4000', 'sh'] });
      const version = /Version: (\S+)/.exec(await rawCommand(haproxy.socket, 'show info'))![1]!;
      labs.set(seed, { haproxy, config, tables, owners, version });
    }
  }, 30_000);
  afterAll(async () => {
    for (const lab of labs.values()) await lab.haproxy.stop();
    for (const server of servers) server.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function actual(row: Row, lab: Lab): Promise<string> {
    if (row.raw !== undefined) {
      const text = row.frontend === 'https' ? await clientHelloExchange(row.at, row.raw) : await rawExchange(row.at, row.raw);
      const address = /\r\n\r\n(.*)$/s.exec(text)?.[1] ?? '';
      return lab.owners.get(address) ?? `(no server: ${JSON.stringify(text.slice(0, 80))})`;
    }
    const answer = await request(row.at, row.host ?? null, row.path ?? '/', row.tls);
    if (answer.status === 401 && /HomeLab Statistics/.test(String(answer.headers['www-authenticate']))) return 'stats';
    if (answer.status !== 200) return String(answer.status);
    return lab.owners.get(answer.body) ?? `(unknown server ${answer.body})`;
  }

  it.each(ROWS.map((row, i) => [`${i + 1}. seed ${row.seed} ${row.frontend} ${row.host ?? row.raw ?? '(no host)'}${row.path ?? ''}${row.tls !== undefined ? ` SNI ${row.tls || '(none)'}` : ''}`, row] as const))('%s', async (_name, row) => {
    const lab = labs.get(row.seed)!;
    const trace = traceRoute(lab.config, requestOf(row), { tables: lab.tables, version: lab.version });
    // The port picks the frontends bound there: seed 000's default and www share port 80 as written.
    const picked = trace.frontends.map((f) => f.frontend);
    expect(picked).toEqual(row.at.port === 80 && row.seed === '000' ? ['default', 'www'] : [row.frontend]);
    const predicted = trace.frontends.find((f) => f.frontend === row.frontend)!;
    const got = await actual(row, lab);
    expect({ backend: got, certain: predicted.certain }, explainFrontend(predicted).join('\n')).toEqual({ backend: outcomeOf(predicted), certain: true });
    expect(got).toBe(row.expect);
  });
});

