// Issue 12: `use_backend %[req.hdr(host),lower,field(1,:),map_dom(…)]` was answered "no backend (503), uncertain"
// while HAProxy routes it. Here a real HAProxy (startHaproxy's default binary: 2.6, or 3.0 where that is the
// default) runs one frontend per converter chain real configs route with (test/trace/chains.ts), each on its
// own loopback port; every backend answers its own name. The trace is asked with the port, which must pick that
// frontend alone, and must name the backend HAProxy chose, certain; where lbtop cannot evaluate (a variable),
// it must say it is uncertain and why. Rows whose answer depends on the version say so.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import type { TraceRequest } from '../../src/model/trace.js';
import { explainFrontend } from '../../src/trace/explain.js';
import { traceRoute } from '../../src/trace/trace.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { entriesOf, parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';
import { ADDRESS, chainsConfig, FRONTENDS, HOSTS_MAP, MAPS, portOf, TCP_BACKENDS } from './chains.js';
import { clientHelloExchange, request } from './seed-lab.js';
import { outcomeOf } from './table.js';

interface Row {
  fe: string;
  host?: string;
  path?: string;
  headers?: Record<string, string>;
  /** TLS SNI on the ssl frontend ('' sends none). */
  sni?: string;
  /** Another port the frontend binds. */
  port?: number;
  /** The backend HAProxy chooses; by version where it differs. */
  expect: string | ((version: string) => string);
}

const from29 = (version: string) => Number(version.split('.')[0]) > 2 || Number(version.split('.')[1]) >= 9;

const ROWS: Row[] = [
  { fe: 'field_dom', host: 'nginx.k8s02-dev.example.net:8080', expect: 'https_k8s02_dev_backend' },
  { fe: 'field_dom', host: 'NGINX.K8S01.example.net:443', expect: 'https_k8s01_backend' },
  { fe: 'field_dom', host: 'unknown.example.org:80', expect: 'be_default' },
  { fe: 'field_str', host: 'nginx.k8s02-dev.example.net:8443', expect: 'https_k8s02_dev_backend' },
  { fe: 'field_str', host: 'sub.nginx.k8s02-dev.example.net', expect: 'be_fallback' },
  { fe: 'field_str', host: 'Api.K8S01.Example.Net', expect: 'https_k8s01_backend' },
  { fe: 'word_first', host: 'api.example.net', expect: 'be_api' },
  { fe: 'word_first', host: '..web..example', expect: 'be_web' },
  { fe: 'word_first', host: 'nothing.example', expect: 'be_default' },
  { fe: 'word_last2', host: 'x.example.net', expect: 'be_example' },
  { fe: 'word_last2', host: 'www.example..', expect: 'be_www' },
  { fe: 'word_missing', host: 'a.b.net', expect: 'be_api' },
  // word(3,.) past the last word: "" in 2.6.12 (the map misses: its default), no value from 2.9 (default_backend).
  { fe: 'word_missing', host: 'a.net', expect: (v) => (from29(v) ? 'be_default' : 'be_wordless') },
  { fe: 'field_missing', host: 'a..net', expect: 'be_api' },
  { fe: 'field_missing', host: 'a.net', expect: 'be_default' },
  { fe: 'field_back', host: 'svc.eu.example.net', expect: 'be_svc.eu' },
  { fe: 'field_back', host: 'eu.example.net', expect: 'be_default' },
  { fe: 'field_count', host: 'x.svc.eu.example.net', expect: 'be_svc.eu' },
  { fe: 'field_count', host: 'svc', expect: 'be_default' },
  { fe: 'trim_path', host: 'h', path: '//api/', expect: 'be_api' },
  { fe: 'trim_path', host: 'h', path: '/web//x/', expect: 'be_web' },
  { fe: 'trim_path', host: 'h', path: '///', expect: 'be_default' },
  { fe: 'trim_host', host: 'nginx.k8s01.example.net.', expect: 'https_k8s01_backend' },
  { fe: 'trim_host', host: 'nginx.k8s01.example.net.:80', expect: 'be_fallback' },
  { fe: 'bytes', host: 'h', path: '/api/v1', expect: 'be_api' },
  { fe: 'bytes', host: 'h', path: '/w', expect: 'be_default' },
  { fe: 'bytes', host: 'h', path: '/', expect: 'be_default' },
  { fe: 'concat', host: 'api.example.net', expect: 'api_svc' },
  { fe: 'concat', host: 'web.example.net', expect: 'be_default' },
  { fe: 'map_beg', host: 'h', path: '/api/v2/users', expect: 'be_v2' },
  { fe: 'map_beg', host: 'h', path: '/apix', expect: 'be_api' },
  { fe: 'map_beg', host: 'h', path: '/other', expect: 'be_default' },
  { fe: 'map_end', host: 'a.example.org', expect: 'be_api' },
  { fe: 'map_end', host: 'example.org', expect: 'be_web' },
  { fe: 'map_end', host: 'xexample.org', expect: 'be_web' },
  { fe: 'map_end', host: 'example.com', expect: 'be_fallback' },
  { fe: 'map_sub', host: 'h', path: '/x/admin/y', expect: 'be_admin' },
  { fe: 'map_sub', host: 'h', path: '/p?debug=1', expect: 'be_web' },
  { fe: 'map_sub', host: 'h', path: '/p', expect: 'be_default' },
  { fe: 'map_reg', host: 'API7.example.net', expect: 'be_api' },
  { fe: 'map_reg', host: 'svc.eu', expect: 'be_svc.eu' },
  { fe: 'map_reg', host: 'api.example.net', expect: 'be_fallback' },
  { fe: 'map_int_port', host: 'h', expect: 'be_api' },
  { fe: 'map_int_port', host: 'h', port: 18160, expect: 'be_web' },
  { fe: 'map_int_hdr', host: 'h', headers: { 'x-shard': '5' }, expect: 'be_api' },
  { fe: 'map_int_hdr', host: 'h', headers: { 'x-shard': '12abc' }, expect: 'be_web' },
  { fe: 'map_int_hdr', host: 'h', headers: { 'x-shard': 'abc' }, expect: 'be_fallback' },
  { fe: 'map_int_hdr', host: 'h', headers: {}, expect: 'be_default' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '10.1.2.3' }, expect: 'be_web' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '10.2.0.1' }, expect: 'be_api' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '192.168.1.5' }, expect: 'be_admin' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '192.168.1.6' }, expect: 'be_fallback' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '172.31.255.1' }, expect: 'be_static' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': 'nope' }, expect: 'be_default' },
  // The cast is HAProxy's buf2ip, not inet_pton: leading zeros read as decimal, whatever follows the address ignored.
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '010.1.2.3' }, expect: 'be_web' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '10.1.2.3:8080' }, expect: 'be_web' },
  { fe: 'map_ip', host: 'h', headers: { 'x-client': '10.1.2.3.4' }, expect: 'be_default' },
  { fe: 'map_str_int', host: 'a.example', expect: 'be_7' },
  { fe: 'map_str_int', host: 'c.example', expect: 'be_0' },
  { fe: 'upper', host: 'Www.example.net', expect: 'be_www' },
  { fe: 'regsub_port', host: 'nginx.k8s01-dev.example.net:8443', expect: 'https_k8s01_dev_backend' },
  { fe: 'regsub_port', host: 'nginx.k8s01-dev.example.net', expect: 'https_k8s01_dev_backend' },
  { fe: 'acls', host: 'shop.EXAMPLE.com', expect: 'be_hdr_dom' },
  { fe: 'acls', host: 'static.example.net', expect: 'be_hdr_beg' },
  { fe: 'acls', host: 'vault.internal', expect: 'be_hdr_end' },
  { fe: 'acls', host: 'v2.example.net', expect: 'be_hdr_reg' },
  { fe: 'acls', host: 'h', path: '/api/x', expect: 'be_path_beg' },
  { fe: 'acls', host: 'h', path: '/index.php?x=1', expect: 'be_path_end' },
  { fe: 'acls', host: 'h', path: '/u/42', expect: 'be_path_reg' },
  { fe: 'acls', host: 'shop.example.net', path: '/cart/1', expect: 'be_base' },
  { fe: 'acls', host: 'h', path: '/p?a=2&debug=1', expect: 'be_url' },
  { fe: 'acls', host: 'WWW.Example.ORG', expect: 'be_lower_dom' },
  { fe: 'acls', host: 'api.example.net:8080', expect: 'be_field_str' },
  { fe: 'acls', host: 'h', path: '/other', expect: 'be_port' },
  { fe: 'acls', host: 'h', path: '/port-off', expect: 'be_default' },
  { fe: 'sni', host: 'x', sni: 'nginx.k8s01-dev.example.net', expect: 'https_k8s01_dev_backend' },
  { fe: 'sni', host: 'nginx.k8s01-dev.example.net', sni: 'Unknown.org', expect: 'be_fallback' },
  { fe: 'sni', host: 'nginx.k8s01-dev.example.net', sni: '', expect: 'be_default' },
  // base is Host + path, or the path alone without a Host header.
  { fe: 'base', path: '/api/x?y=1', expect: 'be_api' },
  { fe: 'base', host: '', path: '/static/x', expect: 'be_static' },
  { fe: 'base', host: 'h', path: '/api/x', expect: 'be_default' },
  // SNI passthrough: req.ssl_sni of a raw ClientHello in a TCP frontend, lowered, through map_dom.
  { fe: 'sni_tcp', sni: 'A.Example.NET', expect: 'tcp_a' },
  { fe: 'sni_tcp', sni: 'www.example.org', expect: 'tcp_b' },
  { fe: 'sni_tcp', sni: 'other.net', expect: 'tcp_fallback' },
  { fe: 'host_only', host: 'NGINX.k8s01.example.net:8080', expect: 'https_k8s01_backend' },
  { fe: 'host_only', host: '[::1]:80', expect: 'be_fallback' },
  { fe: 'port_only', host: 'example.net:8080', expect: 'be_8080' },
  { fe: 'port_only', host: 'example.net', expect: 'be_0' },
];

/** `haproxy -c` on a config text with the binary that runs the lab; its complaint, or '' when valid. */
function checkConfig(bin: string, file: string, text: string): string {
  writeFileSync(file, text);
  try {
    execFileSync(bin, ['-c', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

function traceRequest(row: Row): TraceRequest {
  const out: TraceRequest = { path: row.path ?? '/', port: row.port ?? portOf(row.fe), headers: row.headers ?? {} };
  if (row.host !== undefined) out.host = row.host;
  if (row.sni !== undefined && row.sni !== '') out.sni = row.sni;
  return out;
}

describe('the trace agrees with a real HAProxy on converter chains', () => {
  let root: string;
  let dir: string;
  let haproxy: HaproxyProcess;
  let version: string;
  let later: boolean;
  let refusal: string;
  const servers: net.Server[] = [];
  const tables = new Map<string, { key: string; value?: string }[]>();

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-trace-chains-'));
    dir = path.join(root, 'lb');
    mkdirSync(dir, { recursive: true });
    const maps = { ...MAPS, 'hosts.map': readFileSync(new URL(`../../${HOSTS_MAP}`, import.meta.url), 'utf8') };
    for (const [name, text] of Object.entries(maps)) {
      writeFileSync(path.join(dir, name), text);
      tables.set(path.join(dir, name), entriesOf(parsePatternFile(text, 'map')));
    }
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '2', '-subj', '/CN=chains.lab.test'], { stdio: 'ignore' });
    writeFileSync(path.join(dir, 'lab.pem'), readFileSync(path.join(dir, 'c.pem'), 'utf8') + readFileSync(path.join(dir, 'k.pem'), 'utf8'));
    // host_only and port_only are upstream 2.7+, yet Debian's 2.6.12 has them: the binary startHaproxy runs (its
    // default, 2.6 or 3.0) says whether it does, and the lab reloads with them if so.
    for (const name of TCP_BACKENDS) {
      const server = net.createServer((socket) => {
        socket.on('error', () => undefined);
        socket.end(name);
      });
      await new Promise<void>((resolve) => server.listen(path.join(dir, `${name}.sock`), resolve));
      servers.push(server);
    }
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: chainsConfig(false) });
    version = /Version: (\S+)/.exec(await rawCommand(haproxy.socket, 'show info'))![1]!;
    const bin = readlinkSync(`/proc/${haproxy.pid}/exe`);
    refusal = checkConfig(bin, path.join(dir, 'check.cfg'), chainsConfig(true).replaceAll('@SOCKET@', path.join(dir, 'check.sock')).replaceAll('@DIR@', dir));
    later = refusal === '';
    if (later) await haproxy.reload(chainsConfig(true));
  }, 30_000);
  afterAll(async () => {
    await haproxy?.stop();
    for (const server of servers) server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const trace = (row: Row) => {
    const config = parseHaproxyConfig(chainsConfig(later).replaceAll('@SOCKET@', haproxy.socket).replaceAll('@DIR@', dir));
    return traceRoute(config, traceRequest(row), { tables, version });
  };

  const rows = ROWS.map((row, i) => [`${i + 1}. ${row.fe} ${row.host ?? ''}${row.path ?? ''}${row.headers ? ` ${JSON.stringify(row.headers)}` : ''}${row.sni !== undefined ? ` SNI ${row.sni || '(none)'}` : ''}`, row] as const);
  it.each(rows)('%s', async (_name, row) => {
    const frontend = FRONTENDS.find((f) => f.name === row.fe)!;
    if (frontend.later && !later) {
      // This HAProxy lacks the converter and refuses a config using it: no running LB routes with it.
      expect(refusal).toMatch(/unknown converter '(host|port)_only'/);
      return;
    }
    const t = trace(row);
    expect(t.frontends.map((f) => f.frontend)).toEqual([row.fe]);
    const predicted = t.frontends[0]!;
    const at = { host: ADDRESS, port: row.port ?? portOf(row.fe) };
    let actual: string;
    if (frontend.lines.includes('mode tcp')) actual = await clientHelloExchange(at, row.sni!);
    else {
      const answer = await request(at, row.host ?? null, row.path ?? '/', row.sni, row.headers);
      actual = answer.status === 200 ? answer.body : String(answer.status);
    }
    expect({ backend: actual, certain: predicted.certain }, explainFrontend(predicted).join('\n')).toEqual({ backend: outcomeOf(predicted), certain: true });
    expect(actual).toBe(typeof row.expect === 'function' ? row.expect(version) : row.expect);
  });

  it('concat with a variable: uncertain and says why, whatever HAProxy picks', async () => {
    const row: Row = { fe: 'concat_var', host: 'api.example.net', expect: 'api_svc' };
    const predicted = trace(row).frontends[0]!;
    expect(predicted.certain).toBe(false);
    expect(explainFrontend(predicted).join('\n')).toContain('lbtop does not trace variables');
    const answer = await request({ host: ADDRESS, port: portOf('concat_var') }, 'api.example.net', '/');
    expect(answer.body).toBe('api_svc');
  });
});
