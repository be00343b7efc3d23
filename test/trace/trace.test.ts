import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FrontendTrace, TraceRequest } from '../../src/model/trace.js';
import { explainFrontend } from '../../src/trace/explain.js';
import { traceRoute } from '../../src/trace/trace.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { entriesOf, parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';
import { labConfig, outcomeOf, requestOf, ROWS, type Row } from './table.js';

const { config, tables } = labConfig('/etc/haproxy');
const trace = (row: Row): FrontendTrace => traceRoute(config, requestOf(row), { tables, frontend: row.frontend }).frontends[0]!;

describe('route trace on the lab config (seed 000 + 002 style)', () => {
  it('has a table of at least 30 requests', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ROWS.map((row) => [`${row.frontend} ${row.host ?? row.sni ?? '(no host)'}${row.path ?? ''} → ${row.expect} (${row.why})`, row] as const))('%s', (_name, row) => {
    const t = trace(row);
    expect(outcomeOf(t), explainFrontend(t).join('\n')).toBe(row.expect);
    expect(t.certain, t.uncertainties.join('\n')).toBe(true);
  });

  it('names the map entry that decided, with its position in the file', () => {
    const t = trace({ frontend: 'default', host: 'a.b.shadowed.example.net', expect: '', why: '' });
    expect(t.steps[0]!.dynamic).toMatchObject({
      name: 'k8s_http_lb_backend',
      samples: [{ values: ['k8s_http_lb_backend'], lookups: [{ converter: 'map_dom', method: 'dom', input: 'a.b.shadowed.example.net', hit: { key: 'example.net', index: 7 }, usedDefault: null }] }],
    });
    const beg = trace({ frontend: 'www', path: '/api/v2/users', expect: '', why: '' });
    expect(beg.steps[0]!.dynamic?.samples[0]!.lookups[0]!.hit).toEqual({ key: '/api/v2', value: 'be_api_v2', index: 2 });
    const miss = trace({ frontend: 'default', host: 'unknown.org', expect: '', why: '' });
    expect(miss.steps[0]!.dynamic?.samples[0]!.lookups[0]).toMatchObject({ hit: null, usedDefault: 'be_default' });
  });

  it('says which ACL matched and with which pattern, including -f files and negations', () => {
    const internal = trace({ frontend: 'k8s_http_lb_frontend', host: 'GRAFANA.internal.example.net', expect: '', why: '' });
    const step = internal.steps.find((s) => s.line === 31)!;
    expect(step.condition!.groups[0]![0]!.lines[0]).toMatchObject({
      line: 25, result: true, hit: { pattern: 'grafana.internal.example.net', source: '/etc/haproxy/maps/internal.acl', index: 0 },
    });
    const blog = trace({ frontend: 'k8s_http_lb_frontend', host: 'blog.domain.tld', path: '/wp-admin/', expect: '', why: '' });
    const rule = blog.steps.find((s) => s.line === 30)!;
    expect(rule.applied).toBe(false);
    expect(rule.condition!.groups[0]!.map((t) => [t.acl, t.negate, t.result])).toEqual([['blog', false, true], ['{ path_beg /wp-admin }', true, false]]);
    const port = trace({ frontend: 'k8s_http_lb_frontend', host: 'web1.k8s01-dev.example.net:80', expect: '', why: '' });
    expect(port.steps[1]!.condition!.groups[0]![0]!.lines[0]!.reason).toBe('"web1.k8s01-dev.example.net:80" matches no pattern (-m reg)');
  });

  it('explains a trace in plain lines', () => {
    const lines = explainFrontend(trace({ frontend: 'edge', host: 'ghost.example.org', expect: '', why: '' }));
    expect(lines).toContain('    map_str(/etc/haproxy/maps/edge.map) on "ghost.example.org": entry #2 "ghost.example.org" → be_does_not_exist');
    expect(lines).toContain('    ⇒ no backend named "be_does_not_exist": HAProxy uses the default backend');
    expect(lines[lines.length - 1]).toBe('  → backend be_default (default_backend, line 50)');
  });

  it('traces every HTTP frontend when none is named, and TCP ones only with an SNI', () => {
    expect(traceRoute(config, { host: 'x' }, { tables }).frontends.map((f) => f.frontend)).toEqual(['k8s_http_lb_frontend', 'default', 'www', 'edge', 'stats']);
    expect(traceRoute(config, { sni: 'x' }, { tables }).frontends.map((f) => f.frontend)).toContain('https');
  });
});

describe('route trace on the seed configs as written', () => {
  const seed = (name: string) => parseHaproxyConfig(readFileSync(new URL(`../../fixtures/haproxy-routing/${name}`, import.meta.url), 'utf8'));
  const hosts = entriesOf(parsePatternFile(readFileSync(new URL('../../fixtures/seeds/000/maps/hosts.map', import.meta.url), 'utf8'), 'map'));

  it('seed 000: req.ssl_sni has no value in the TLS-terminating HTTP frontend, hdr(host) still routes', () => {
    const cfg = seed('../seeds/000/haproxy.cfg');
    const t = traceRoute(cfg, { host: 'web.k8s02-dev.example.net', sni: 'web.k8s02-dev.example.net' }, { tables: new Map(), frontend: 'k8s_https_lb_frontend' }).frontends[0]!;
    expect(t.outcome).toEqual({ kind: 'backend', backend: 'https_k8s02_dev_backend', via: 'use_backend', line: 67 });
    const sni = t.steps[1]!.condition!.groups[0]![0]!.lines.find((l) => l.line === 65)!;
    expect(sni).toMatchObject({ result: false, sample: { values: null } });
    expect(sni.reason).toMatch(/req\.ssl_sni reads a raw TLS ClientHello.*use ssl_fc_sni/);
  });

  it('seed 000: the hosts.map frontend falls back to be_default, which the seed never declares', () => {
    const cfg = seed('../seeds/000/haproxy.cfg');
    const hit = traceRoute(cfg, { host: 'nginx2.k8s02-dev.example.net' }, { tables: new Map([['/etc/haproxy/maps/hosts.map', hosts]]), frontend: 'default' }).frontends[0]!;
    expect(hit.outcome).toMatchObject({ kind: 'backend', backend: 'https_k8s02_dev_backend' });
    const miss = traceRoute(cfg, { host: 'other.org' }, { tables: new Map([['/etc/haproxy/maps/hosts.map', hosts]]), frontend: 'default' }).frontends[0]!;
    expect(miss.outcome).toEqual({ kind: 'none', reason: 'no rule matched and the frontend has no default_backend: HAProxy answers 503' });
    expect(miss.steps[0]!.why).toBe('no backend named "be_default": HAProxy uses the default backend');
  });

  it('seed 002: SNI routing in TCP mode after `tcp-request content accept if clienthello`', () => {
    const cfg = seed('../seeds/002/haproxy.cfg');
    const t = traceRoute(cfg, { sni: 'blog.domain.tld' }, { tables: new Map(), frontend: 'https' }).frontends[0]!;
    expect(t.steps.map((s) => [s.line, s.applied])).toEqual([[62, true], [64, false], [65, false], [66, true]]);
    expect(t.outcome).toMatchObject({ backend: 'k3s-https-ingress', line: 66 });
    expect(t.certain).toBe(true);
    // Seed 002's HTTP frontend sends whoami to the old cluster: the trace shows the rule that does it.
    const http = traceRoute(cfg, { host: 'whoami.domain.tld' }, { tables: new Map(), frontend: 'http' }).frontends[0]!;
    expect(http.outcome).toEqual({ kind: 'backend', backend: 'k8s-http-ingress', via: 'use_backend', line: 47 });
  });

  it('seed 002: without a ClientHello the TCP frontend cannot be decided (WAIT_END)', () => {
    const t = traceRoute(seed('../seeds/002/haproxy.cfg'), {}, { tables: new Map(), frontend: 'https' }).frontends[0]!;
    expect(t.certain).toBe(false);
    expect(t.uncertainties[0]).toMatch(/line 63: cannot tell whether "tcp-request content reject if WAIT_END" applies/);
  });
});

describe('route trace says when it cannot know', () => {
  const cfg = (text: string) => parseHaproxyConfig(`defaults\n  mode http\n${text}`);
  const run = (text: string, request: TraceRequest, tables = new Map()) => traceRoute(cfg(text), request, { tables }).frontends[0]!;

  it('an ACL on a fetch lbtop does not model is unknown and the outcome uncertain', () => {
    const t = run('frontend f\n  acl office src 10.0.0.0/8\n  use_backend b if office\n  default_backend d\nbackend b\nbackend d\n', { host: 'x' });
    expect(t.outcome).toMatchObject({ backend: 'd' });
    expect(t.certain).toBe(false);
    expect(t.steps[0]!.condition!.groups[0]![0]!.lines[0]!.reason).toBe('fetch src is not evaluated by lbtop');
  });

  it('a map whose live contents are missing is unknown, never treated as empty', () => {
    const t = run('frontend f\n  use_backend %[req.hdr(host),map_dom(/m.map,d)]\nbackend d\n', { host: 'x' });
    expect(t.certain).toBe(false);
    expect(t.steps[0]!.dynamic?.samples[0]!.unknown).toMatch(/contents of \/m\.map are not known/);
  });

  it('a Host rewrite before routing is flagged', () => {
    const t = run('frontend f\n  http-request set-header Host new.example.net\n  default_backend d\nbackend d\n', { host: 'x' });
    expect(t.uncertainties).toEqual(['line 4: "set-header" may rewrite Host or path before routing; lbtop does not simulate it']);
  });

  it('a listen section without default_backend serves the request itself; an unknown ACL is reported', () => {
    const t = run('listen l\n  bind :80\n  use_backend b if nosuchacl\nbackend b\n', { host: 'x' });
    expect(t.outcome).toEqual({ kind: 'backend', backend: 'l', via: 'listen', line: 3 });
    expect(t.steps[0]!.condition!.groups[0]![0]!.reason).toMatch(/no ACL named nosuchacl in l/);
  });

  it('predefined ACLs: TRUE, METH_POST; a declared ACL shadows a predefined name', () => {
    expect(run('frontend f\n  use_backend b if TRUE\nbackend b\n', {}).outcome).toMatchObject({ backend: 'b' });
    expect(run('frontend f\n  use_backend b if METH_POST\n  default_backend d\nbackend b\nbackend d\n', { method: 'POST' }).outcome).toMatchObject({ backend: 'b' });
    expect(run('frontend f\n  acl TRUE path_beg /x\n  use_backend b if TRUE\n  default_backend d\nbackend b\nbackend d\n', { path: '/' }).outcome).toMatchObject({ backend: 'd' });
  });

  it('unless, several acl lines OR-ed, and `or` as a word', () => {
    const text = 'frontend f\n  acl a path_beg /a\n  acl a path_beg /b\n  acl c hdr(host) -m end .org\n  use_backend b unless a or c\n  default_backend d\nbackend b\nbackend d\n';
    expect(run(text, { host: 'x.net', path: '/b' }).outcome).toMatchObject({ backend: 'd' });
    expect(run(text, { host: 'x.net', path: '/z' }).outcome).toMatchObject({ backend: 'b' });
    expect(run(text, { host: 'x.org', path: '/z' }).outcome).toMatchObject({ backend: 'd' });
  });
});
