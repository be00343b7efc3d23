// The route table shared by the pure trace test and its cross-check against a real HAProxy: each row is a
// request to one frontend of fixtures/haproxy-routing/haproxy.cfg and the backend HAProxy picks ('403' when an
// http-request deny answers first, '503' when no backend is chosen). trace-live.test.ts proves every row on the
// real binary.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { HaproxyConfig } from '../../src/model/haproxy-config.js';
import type { FrontendTrace, PatternTables, TraceRequest } from '../../src/model/trace.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { entriesOf, parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';

export interface Row {
  frontend: 'k8s_http_lb_frontend' | 'default' | 'www' | 'edge' | 'https';
  /** Host header as sent; null sends none. */
  host?: string | null;
  path?: string;
  sni?: string;
  expect: string;
  why: string;
}

export const ROWS: Row[] = [
  // Seed 000 regex ACLs and seed 002 host ACLs.
  { frontend: 'k8s_http_lb_frontend', host: 'web1.k8s01-dev.example.net', expect: 'http_k8s01_dev_backend', why: 'regex ACL' },
  { frontend: 'k8s_http_lb_frontend', host: 'web1.k8s02-dev.example.net', expect: 'http_k8s02_dev_backend', why: 'second regex ACL' },
  { frontend: 'k8s_http_lb_frontend', host: 'web1.k8s01-dev.example.net:80', expect: 'k8s_http_lb_backend', why: 'hdr(host) keeps the port, `$` fails' },
  { frontend: 'k8s_http_lb_frontend', host: 'a.b.k8s01-dev.example.net', expect: 'k8s_http_lb_backend', why: 'the regex allows one label only' },
  { frontend: 'k8s_http_lb_frontend', host: 'Web1.k8s01-dev.example.net', expect: 'http_k8s01_dev_backend', why: '[a-zA-Z0-9-] takes the capital' },
  { frontend: 'k8s_http_lb_frontend', host: 'web1.K8S01-DEV.example.net', expect: 'k8s_http_lb_backend', why: 'regex is case-sensitive' },
  { frontend: 'k8s_http_lb_frontend', host: 'whoami.domain.tld', expect: 'k3s-http-ingress', why: 'str ACL' },
  { frontend: 'k8s_http_lb_frontend', host: 'WHOAMI.Domain.TLD', expect: 'k3s-http-ingress', why: '-i' },
  { frontend: 'k8s_http_lb_frontend', host: 'test.domain.tld', expect: 'k3s-http-ingress', why: 'second term of ||' },
  { frontend: 'k8s_http_lb_frontend', host: 'whoami.domain.tld:8080', expect: 'k8s_http_lb_backend', why: 'str match sees the port' },
  { frontend: 'k8s_http_lb_frontend', host: 'blog.domain.tld', path: '/2024/post', expect: 'k3s-http-ingress', why: 'blog and not /wp-admin' },
  { frontend: 'k8s_http_lb_frontend', host: 'blog.domain.tld', path: '/wp-admin/', expect: 'k8s_http_lb_backend', why: 'negated anonymous ACL' },
  { frontend: 'k8s_http_lb_frontend', host: 'grafana.internal.example.net', expect: 'be_internal', why: 'pattern from -f file' },
  { frontend: 'k8s_http_lb_frontend', host: 'GRAFANA.Internal.example.net', expect: 'be_internal', why: 'lower converter before -f patterns' },
  { frontend: 'k8s_http_lb_frontend', host: 'grafana.internal.example.net:3000', expect: 'k8s_http_lb_backend', why: 'port defeats str' },
  { frontend: 'k8s_http_lb_frontend', host: 'www.example.net', path: '/.git/config', expect: '403', why: 'http-request deny before switching' },
  { frontend: 'k8s_http_lb_frontend', host: 'whoami.domain.tld', path: '/.ENV', expect: '403', why: 'deny wins over a matching use_backend, -i' },
  { frontend: 'k8s_http_lb_frontend', host: null, expect: 'k8s_http_lb_backend', why: 'no Host: every hdr ACL is false' },
  // Seed 000 hosts.map with map_dom.
  { frontend: 'default', host: 'nginx.k8s02-dev.example.net', expect: 'https_k8s02_dev_backend', why: 'exact entry' },
  { frontend: 'default', host: 'NGINX.k8s01.example.net', expect: 'https_k8s01_backend', why: 'lower converter' },
  { frontend: 'default', host: 'nginx.k8s02-dev.example.net:8080', expect: 'https_k8s02_dev_backend', why: '":" delimits a dom word' },
  { frontend: 'default', host: 'foo.k8s01-dev.example.net', expect: 'https_k8s01_dev_backend', why: 'subdomain of a domain entry' },
  { frontend: 'default', host: 'api.k8s01.example.net', expect: 'https_k8s01_backend', why: 'entry after a comment' },
  { frontend: 'default', host: 'shadowed.example.net', expect: 'k8s_http_lb_backend', why: 'first match in file order, not most specific' },
  { frontend: 'default', host: 'a.b.shadowed.example.net', expect: 'k8s_http_lb_backend', why: 'deep subdomain, first match' },
  { frontend: 'default', host: 'example.net.evil.org', expect: 'k8s_http_lb_backend', why: 'dom matches a word anywhere' },
  { frontend: 'default', host: 'myexample.net', expect: 'be_default', why: 'not a whole word' },
  { frontend: 'default', host: 'unknown.org', expect: 'be_default', why: 'converter default' },
  { frontend: 'default', host: null, expect: '503', why: 'no Host: the fetch fails before map_dom, so no default either' },
  { frontend: 'default', host: '', expect: 'be_default', why: 'empty Host: map_dom misses, the default applies' },
  // Seed 000 routes.map with map_beg.
  { frontend: 'www', host: 'shop.example.net', path: '/api', expect: 'be_api', why: 'exact prefix' },
  { frontend: 'www', host: 'shop.example.net', path: '/apix', expect: 'be_api', why: 'beg is not dir' },
  { frontend: 'www', host: 'shop.example.net', path: '/api/v2/users', expect: 'be_api_v2', why: 'longest prefix, though listed last' },
  { frontend: 'www', host: 'shop.example.net', path: '/login?next=/api/v2', expect: 'be_auth', why: 'path stops at ?' },
  { frontend: 'www', host: 'shop.example.net', path: '/LOGIN', expect: 'be_default', why: 'case-sensitive' },
  { frontend: 'www', host: 'shop.example.net', path: '/', expect: 'be_default', why: 'converter default' },
  // Dynamic names that name no backend.
  { frontend: 'edge', host: 'known.example.org', expect: 'be_api', why: 'map_str hit' },
  { frontend: 'edge', host: 'ghost.example.org', expect: 'be_default', why: 'value names no backend: default, not the next rule' },
  { frontend: 'edge', host: 'nothing.example.org', expect: 'be_default', why: 'no entry, no default: default, not the next rule' },
  // Seed 002: SNI routing in TCP mode.
  { frontend: 'https', sni: 'whoami.domain.tld', expect: 'k3s-https-ingress', why: 'req_ssl_sni -i' },
  { frontend: 'https', sni: 'TEST.domain.tld', expect: 'k3s-https-ingress', why: 'second ACL, -i' },
  { frontend: 'https', sni: 'other.example.net', expect: 'k8s-https-ingress', why: 'default_backend' },
];

const fixtures = new URL('../../fixtures/haproxy-routing/', import.meta.url);

/** The lab config as HAProxy sees it once @DIR@ is `dir`, and the map/ACL files as loaded from disk. */
export function labConfig(dir: string): { config: HaproxyConfig; tables: PatternTables } {
  const text = readFileSync(new URL('haproxy.cfg', fixtures), 'utf8').replaceAll('@SOCKET@', `${dir}/admin.sock`).replaceAll('@DIR@', dir);
  const tables = new Map<string, { key: string; value?: string }[]>();
  for (const name of readdirSync(new URL('maps/', fixtures))) {
    const kind = name.endsWith('.acl') ? 'acl' : 'map';
    tables.set(`${dir}/maps/${name}`, entriesOf(parsePatternFile(readFileSync(new URL(`maps/${name}`, fixtures), 'utf8'), kind)));
  }
  return { config: parseHaproxyConfig(text), tables };
}

export function requestOf(row: Row): TraceRequest {
  return { ...(typeof row.host === 'string' ? { host: row.host } : {}), path: row.path ?? '/', ...(row.sni ? { sni: row.sni } : {}) };
}

/** A trace's outcome in the table's terms: the backend, '403' when a rule answered, '503' for no backend. */
export function outcomeOf(trace: FrontendTrace): string {
  return trace.outcome.kind === 'backend' ? trace.outcome.backend : trace.outcome.kind === 'stopped' ? '403' : '503';
}

/** An HTTP request to a frontend's unix socket; the body (the name of the backend that answered) or the status. */
export function httpGet(socketPath: string, host: string | null | undefined, urlPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { connection: 'close' };
    if (typeof host === 'string') headers.host = host;
    const req = http.request({ socketPath, path: urlPath, headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(res.statusCode === 200 ? body : String(res.statusCode)));
    });
    req.on('error', reject);
    req.end();
  });
}
