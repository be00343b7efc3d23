// The converters, casts and port picking of the trace, pure. Each expectation is HAProxy's own answer: the
// chains and seeds live tests send the same cases to the real binary (2.6.12 and 3.0.11).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { traceRequestOf } from '../../src/actions/trace-read.js';
import { bindPorts } from '../../src/trace/bind-ports.js';
import { applyStringConverter, type Typed } from '../../src/trace/converters.js';
import { explainFrontend } from '../../src/trace/explain.js';
import { castIpv4, matchIp } from '../../src/trace/ip-match.js';
import { traceRoute } from '../../src/trace/trace.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { entriesOf, parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';

const str = (value: string): Typed => ({ type: 'str', value });
const conv = (name: string, args: string[], input: string, version?: string) => applyStringConverter(name, args, str(input), version);

describe('string converters as sample.c runs them', () => {
  it.each([
    ['field', ['1', ':'], 'web.example.net:8080', 'web.example.net'],
    ['field', ['2', ':'], 'web.example.net:8080', '8080'],
    ['field', ['1', ':'], 'web.example.net', 'web.example.net'],
    ['field', ['-3', '.', '2'], 'svc.eu.example.net', 'svc.eu'],
    ['field', ['2', '.', '2'], 'x.svc.eu.example.net', 'svc.eu'],
    ['field', ['2', '.', '0'], 'x.svc.eu.example.net', 'svc.eu.example.net'],
    ['field', ['3', '.'], 'a..net', 'net'],
    ['field', ['-1', '/'], '/a/b/', ''],
    ['word', ['1', '.'], '..web..example', 'web'],
    ['word', ['-2', '.'], 'www.example..', 'www'],
    ['word', ['2', '/', '2'], '/a//b//c/d', 'b//c'],
    ['ltrim', ['/'], '//api/', 'api/'],
    ['rtrim', ['./'], 'example.net./', 'example.net'],
    ['bytes', ['1', '3'], '/api/v1', 'api'],
    ['bytes', ['1'], '/', ''],
    ['bytes', ['2', '99'], '/api', 'pi'],
    ['concat', ['_svc'], 'api', 'api_svc'],
    ['concat', ['<', '', '>'], 'x', 'x<>'],
    ['lower', [], 'NGINX.K8s01', 'nginx.k8s01'],
    ['upper', [], 'www.Ex', 'WWW.EX'],
    ['host_only', [], 'NGINX.example.net:8080', 'nginx.example.net'],
    ['host_only', [], '[::1]:80', '[::1]'],
    ['host_only', [], '[::1]', '[::1]'],
    ['port_only', [], 'example.net:8080', '8080'],
    ['port_only', [], 'example.net', '0'],
    ['port_only', [], '[::1]', '0'],
    ['regsub', [':[0-9]+$', ''], 'web.example.net:8443', 'web.example.net'],
  ])('%s(%j) on %j → %j', (name, args, input, expected) => {
    expect(conv(name, args, input)).toMatchObject({ value: { value: expected } });
  });

  it('a field past the last one fails the sample; a word past the last depends on the version', () => {
    expect(conv('field', ['3', '.'], 'a.net')).toEqual({ none: expect.stringContaining('no such field') });
    expect(conv('word', ['3', '.'], 'a.net', '2.6.12-1+deb12u4')).toEqual({ value: { type: 'str', value: '' } });
    expect(conv('word', ['3', '.'], 'a.net', '3.0.11-1+deb13u4')).toEqual({ none: expect.stringContaining('no value') });
    expect(conv('word', ['3', '.'], 'a.net')).toEqual({ unknown: expect.stringContaining('version is not known') });
    expect(conv('word', ['3', '.'], 'a.net', '2.8.5')).toEqual({ unknown: expect.stringContaining('2.8.5') });
  });

  it('what lbtop cannot evaluate is unknown, with the reason', () => {
    expect(conv('concat', ['_', 'txn.tier', ''], 'api')).toEqual({ unknown: expect.stringContaining('variables') });
    expect(conv('bytes', ['var(txn.off)'], 'api')).toEqual({ unknown: expect.stringContaining('quotes or parentheses') });
    expect(conv('field', ['1', "','"], 'a,b')).toEqual({ unknown: expect.stringContaining('quotes') });
    expect(conv('field', ['0', '.'], 'a.b')).toEqual({ unknown: expect.stringContaining('index 0') });
    expect(conv('field', ['1', '.'], 'bücher.example')).toEqual({ unknown: expect.stringContaining('non-ASCII') });
    expect(applyStringConverter('bytes', ['0', '2'], { type: 'sint', value: '8080' })).toEqual({ unknown: expect.stringContaining('integer') });
  });
});

describe('addresses: the sample cast and the longest prefix', () => {
  it('casts a string as buf2ip does: leading zeros decimal, trailing text ignored', () => {
    expect(castIpv4('010.1.2.3')).toBe(castIpv4('10.1.2.3'));
    expect(castIpv4('10.1.2.3:8080')).toBe(castIpv4('10.1.2.3'));
    expect(castIpv4('10.1.2.3.4')).toBeNull();
    expect(castIpv4('10.1.2')).toBeNull();
    expect(castIpv4('256.1.2.3')).toBeNull();
    expect(castIpv4('nope')).toBeNull();
  });

  it('the longest prefix wins whatever the order; other patterns make a miss unknown', () => {
    const keys = ['10.0.0.0/8', '10.1.0.0/16', '192.168.1.5', '172.16.0.0/255.240.0.0'];
    expect(matchIp('10.1.2.3', keys)).toEqual({ index: 1 });
    expect(matchIp('10.2.0.1', keys)).toEqual({ index: 0 });
    expect(matchIp('172.31.255.1', keys)).toEqual({ index: 3 });
    expect(matchIp('192.168.1.6', keys)).toEqual({ index: null });
    expect(matchIp('192.168.1.6', [...keys, '2001:db8::/32'])).toEqual({ unknown: expect.stringContaining('2001:db8::/32') });
    expect(matchIp('10.1.2.3', [...keys, 'fe80::/10'])).toEqual({ index: 1 });
    expect(matchIp('::1', keys)).toEqual({ unknown: expect.stringContaining('IPv6') });
  });
});

describe('ports: HOST:PORT/PATH picks the frontends bound there', () => {
  it('reads bind addresses as HAProxy writes them', () => {
    expect(bindPorts(':80')).toEqual([[80, 80]]);
    expect(bindPorts('*:443')).toEqual([[443, 443]]);
    expect(bindPorts('192.168.64.17:80,192.168.64.17:8080-8090')).toEqual([[80, 80], [8080, 8090]]);
    expect(bindPorts('ipv6@[::]:443')).toEqual([[443, 443]]);
    expect(bindPorts('unix@/run/h.sock')).toEqual([]);
    expect(bindPorts('/run/h.sock')).toEqual([]);
  });

  it('parses the port of a trace target and keeps it in the Host header', () => {
    expect(traceRequestOf('web.example.net:8443/api?x=1')).toEqual({ host: 'web.example.net:8443', path: '/api?x=1', port: 8443 });
    expect(traceRequestOf('web.example.net')).toEqual({ host: 'web.example.net', path: '/' });
    expect(traceRequestOf('web.example.net:443', true)).toEqual({ host: 'web.example.net:443', path: '/', port: 443, sni: 'web.example.net' });
  });

  const config = parseHaproxyConfig(`
defaults
    mode http
frontend a
    bind :80
    use_backend %[req.hdr(host),lower,field(1,:),map_dom(/m/hosts.map)]
    default_backend be_default
frontend b
    bind :80
    bind :8080
    use_backend be_%[dst_port]
    default_backend be_default
frontend t
    mode tcp
    bind :443
    default_backend be_default
backend be_default
backend be_8080
backend https_k8s01_dev_backend
`);
  const tables = new Map([['/m/hosts.map', entriesOf(parsePatternFile(readFileSync(new URL('../../fixtures/seeds/000/maps/hosts.map', import.meta.url), 'utf8'), 'map'))]]);

  it('the issue 12 chain: field(1,:) strips the port before map_dom, certain', () => {
    const t = traceRoute(config, { host: 'NGINX.k8s01-dev.example.net:8080', path: '/', port: 80 }, { tables });
    expect(t.frontends.map((f) => f.frontend)).toEqual(['a', 'b']);
    const a = t.frontends[0]!;
    expect(a.outcome, explainFrontend(a).join('\n')).toMatchObject({ kind: 'backend', backend: 'https_k8s01_dev_backend' });
    expect(a.certain).toBe(true);
  });

  it('dst_port is the traced port, or the only port bound, or unknown', () => {
    expect(traceRoute(config, { host: 'x', path: '/', port: 8080 }, { tables }).frontends.map((f) => [f.frontend, f.outcome])).toEqual([
      ['b', { kind: 'backend', backend: 'be_8080', via: 'use_backend', line: 11 }],
    ]);
    const unnamed = traceRoute(config, { host: 'x', path: '/' }, { tables, frontend: 'b' }).frontends[0]!;
    expect(unnamed.certain).toBe(false);
    expect(unnamed.uncertainties.join('\n') + explainFrontend(unnamed).join('\n')).toContain('ports 80, 8080');
  });

  it('a port no frontend binds is said, and a TCP frontend on the port is traced too', () => {
    expect(traceRoute(config, { host: 'x', path: '/', port: 9999 }, { tables })).toMatchObject({ frontends: [], note: 'no frontend binds port 9999' });
    expect(traceRoute(config, { host: 'x', path: '/', port: 443 }, { tables }).frontends.map((f) => f.frontend)).toEqual(['t']);
  });

  it('a sample without a value adds nothing to the name (log-format without the mandatory flag)', () => {
    const t = traceRoute(config, { host: 'unknown.org:80', path: '/', port: 80 }, { tables, frontend: 'a' }).frontends[0]!;
    expect(t.steps[0]!.dynamic?.name).toBe('');
    expect(t.outcome).toMatchObject({ kind: 'backend', backend: 'be_default', via: 'default_backend' });
    expect(t.certain).toBe(true);
  });
});
