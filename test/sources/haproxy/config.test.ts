import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import type { HaproxyConfig, ProxySection } from '../../../src/model/haproxy-config.js';
import { parseHaproxyConfig } from '../../../src/sources/haproxy/config/parse.js';
import { tokenizeLine } from '../../../src/sources/haproxy/config/tokenize.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy-routing/${name}`, import.meta.url), 'utf8');
const proxy = (config: HaproxyConfig, name: string): ProxySection => {
  const found = config.proxies.find((p) => p.name === name);
  if (!found) throw new Error(`no proxy ${name}`);
  return found;
};

describe('tokenizeLine (HAProxy parse_line rules)', () => {
  it.each([
    ['stats realm HomeLab\\ Statistics', ['stats', 'realm', 'HomeLab Statistics']],
    ['log-format "%ci:%cp [%t] %ft %{+Q}r"', ['log-format', '%ci:%cp [%t] %ft %{+Q}r']],
    ["acl x hdr(host) -m reg ^[a-z]+\\.example\\.net$", ['acl', 'x', 'hdr(host)', '-m', 'reg', '^[a-z]+\\.example\\.net$']],
    ["errorfile 'a \\ b' c", ['errorfile', 'a \\ b', 'c']],
    ['server s1 1.2.3.4:80 # a comment', ['server', 's1', '1.2.3.4:80']],
    ['option foo#bar', ['option', 'foo']],
    ['x \\#not-a-comment "#in quotes"', ['x', '#not-a-comment', '#in quotes']],
    ['a "" b', ['a', '', 'b']],
    ['a ""', ['a']],
    ['say \\"hi\\" \\x41', ['say', '"hi"', 'A']],
    ['"con"cat\'ena\'ted', ['concatenated']],
    ['   ', []],
  ])('%s', (line, words) => {
    expect(tokenizeLine(line, 1)).toEqual(words);
  });

  it('expands "${VAR}" only from a given env, and keeps it otherwise', () => {
    expect(tokenizeLine('bind "${IP}:80"', 1)).toEqual(['bind', '${IP}:80']);
    expect(tokenizeLine('bind "${IP}:80" ${IP}', 1, { env: { IP: '10.0.0.1' } })).toEqual(['bind', '10.0.0.1:80', '${IP}']);
  });

  it('reports an open quote and a bad \\x escape with the line', () => {
    expect(() => tokenizeLine('acl a "open', 7)).toThrow(new ParseError('unmatched double quote', 7));
    expect(() => tokenizeLine("acl a 'open", 8)).toThrow(/single quote \(line 8\)/);
    expect(() => tokenizeLine('x \\xZ1', 9)).toThrow(/\\xZ1.*\(line 9\)/);
  });
});

describe('parseHaproxyConfig on seed 000 (homelab, regex host ACLs, req.ssl_sni, maps)', () => {
  const config = parseHaproxyConfig(fixture('../seeds/000/haproxy.cfg'));

  it('finds the stats socket for discovery, not the commented one', () => {
    expect(config.global?.statsSockets).toEqual([
      { line: 7, address: '/var/run/haproxy.sock', socket: '/var/run/haproxy.sock', level: 'admin', options: ['mode', '600', 'level', 'admin'] },
    ]);
  });

  it('keeps sections in order with modes inherited from defaults', () => {
    expect(config.proxies.map((p) => `${p.kind} ${p.name} ${p.effectiveMode}@${p.line}`)).toEqual([
      'defaults  http@19', 'frontend k3s-api-frontend tcp@34', 'backend k3s-backend tcp@39',
      'frontend k8s_http_lb_frontend http@47', 'frontend k8s_https_lb_frontend http@57',
      'backend http_k8s01_dev_backend tcp@69', 'backend https_k8s01_dev_backend http@76',
      'backend http_k8s02_dev_backend tcp@82', 'backend https_k8s02_dev_backend http@89',
      'backend k8s_http_lb_backend tcp@95', 'backend k8s_https_lb_backend http@106', 'listen stats http@116',
      'frontend default http@123', 'frontend www http@126',
    ]);
  });

  it('parses the regex and SNI ACLs exactly, two lines with one name included', () => {
    const https = proxy(config, 'k8s_https_lb_frontend');
    expect(https.acls.map((a) => [a.line, a.name, a.sample.fetch, a.method, a.ignoreCase, a.patterns])).toEqual([
      [62, 'is_k8s01_dev', 'hdr', 'reg', false, ['^[a-zA-Z0-9-]+\\.k8s01-dev\\.example\\.net$']],
      [63, 'is_k8s01_dev', 'req.ssl_sni', 'reg', false, ['^[a-zA-Z0-9-]+\\.k8s01-dev\\.example\\.net$']],
      [64, 'is_k8s02_dev', 'hdr', 'reg', false, ['^[a-zA-Z0-9-]+\\.k8s02-dev\\.example\\.net$']],
      [65, 'is_k8s02_dev', 'req.ssl_sni', 'reg', false, ['^[a-zA-Z0-9-]+\\.k8s02-dev\\.example\\.net$']],
    ]);
    expect(https.acls[0]!.sample).toEqual({ text: 'hdr(host)', fetch: 'hdr', args: ['host'], converters: [] });
    expect(https.binds).toEqual([{ line: 58, address: '192.168.64.17:443', ssl: true, options: ['ssl', 'crt', '/etc/haproxy/certs/', 'alpn', 'h2,http/1.1'] }]);
  });

  it('parses use_backend and default_backend lines with their conditions and line numbers', () => {
    const http = proxy(config, 'k8s_http_lb_frontend');
    expect(http.useBackend.map((u) => [u.line, u.target, u.condition?.polarity, u.condition?.anyOf])).toEqual([
      [54, 'http_k8s01_dev_backend', 'if', [[{ negate: false, acl: 'is_k8s01_dev' }]]],
      [55, 'http_k8s02_dev_backend', 'if', [[{ negate: false, acl: 'is_k8s02_dev' }]]],
    ]);
    expect(http.defaultBackend).toEqual({ line: 56, name: 'k8s_http_lb_backend' });
    expect(http.lines.find((l) => l.words[0] === 'log-format')?.words).toHaveLength(2);
  });

  it('parses the dynamic map_dom and map_beg use_backend forms', () => {
    expect(proxy(config, 'default').useBackend).toEqual([
      {
        line: 125,
        target: '%[req.hdr(host),lower,map_dom(/etc/haproxy/maps/hosts.map,be_default)]',
        condition: null,
        dynamic: [{ sample: {
          text: 'req.hdr(host),lower,map_dom(/etc/haproxy/maps/hosts.map,be_default)', fetch: 'req.hdr', args: ['host'],
          converters: [{ name: 'lower', args: [] }, { name: 'map_dom', args: ['/etc/haproxy/maps/hosts.map', 'be_default'] }],
        } }],
      },
    ]);
    const www = proxy(config, 'www').useBackend[0]!;
    expect(www.dynamic).toEqual([{ sample: expect.objectContaining({ fetch: 'path', converters: [{ name: 'map_beg', args: ['/etc/haproxy/maps/routes.map', 'be_default'] }] }) }]);
  });

  it('models servers and default-server for drift checks', () => {
    const be = proxy(config, 'k3s-backend');
    expect(be.defaultServer).toEqual({ line: 43, disabled: false, weight: null, options: ['inter', '10s', 'downinter', '5s'] });
    expect(be.servers.map((s) => [s.line, s.name, s.address, s.check, s.disabled, s.weight])).toEqual([
      [44, 'controlplane1', '192.168.64.91:6443', true, false, null],
      [45, 'controlplane2', '192.168.64.92:6443', true, false, null],
      [46, 'controlplane3', '192.168.64.93:6443', true, false, null],
    ]);
  });

  it('tokenizes `stats realm HomeLab\\ Statistics` as one argument', () => {
    expect(proxy(config, 'stats').lines.find((l) => l.words[1] === 'realm')).toEqual({ line: 121, words: ['stats', 'realm', 'HomeLab Statistics'] });
  });
});

describe('parseHaproxyConfig on seed 002 (host ACLs, SNI routing in TCP mode)', () => {
  const config = parseHaproxyConfig(fixture('../seeds/002/haproxy.cfg'));

  it('reads the stats socket with expose-fd', () => {
    expect(config.global?.statsSockets[0]).toMatchObject({ line: 6, socket: '/run/haproxy/admin.sock', level: 'admin' });
  });

  it('parses tcp-request content rules and the SNI ACLs of the TCP frontend', () => {
    const https = proxy(config, 'https');
    expect(https.effectiveMode).toBe('tcp');
    expect(https.acls.filter((a) => a.name === 'clienthello').map((a) => [a.line, a.method, a.patterns])).toEqual([
      [55, 'int', ['1']], [57, 'int', ['1']], [59, 'int', ['1']],
    ]);
    expect(https.acls.find((a) => a.name === 'whoami')).toMatchObject({ line: 56, sample: { fetch: 'req.ssl_sni' }, method: 'str', ignoreCase: true, patterns: ['whoami.domain.tld'] });
    expect(https.requestRules.map((r) => [r.line, r.directive, r.action, r.condition?.text])).toEqual([
      [62, 'tcp-request content', 'accept', 'if clienthello'],
      [63, 'tcp-request content', 'reject', 'if WAIT_END'],
    ]);
    expect(https.useBackend.map((u) => [u.line, u.target])).toEqual([[64, 'k3s-https-ingress'], [65, 'k3s-https-ingress'], [66, 'k3s-https-ingress']]);
  });

  it('reads server weights', () => {
    expect(proxy(config, 'k8s-http-ingress').servers[0]).toMatchObject({ line: 74, name: 'ingress1', address: '192.0.2.5:80', weight: 10 });
  });
});

describe('parseHaproxyConfig on the lab config (anonymous ACLs, -f, ||, !, http-request)', () => {
  const config = parseHaproxyConfig(fixture('haproxy.cfg').replaceAll('@DIR@', '/etc/haproxy').replaceAll('@SOCKET@', '/run/haproxy/admin.sock'));
  const fe = proxy(config, 'k8s_http_lb_frontend');

  it('parses -f files, -i and converters in ACLs', () => {
    expect(fe.acls.find((a) => a.name === 'internal')).toMatchObject({
      line: 25, files: ['/etc/haproxy/maps/internal.acl'], method: 'str', patterns: [],
      sample: { fetch: 'hdr', converters: [{ name: 'lower', args: [] }] },
    });
    expect(fe.acls.find((a) => a.name === 'blocked')).toMatchObject({ method: 'beg', ignoreCase: true, patterns: ['/.git', '/.env'] });
  });

  it('parses ||, ! glued to an anonymous ACL, and http-request rules', () => {
    const [, , third, fourth] = fe.useBackend;
    expect(third!.condition!.anyOf).toEqual([[{ negate: false, acl: 'whoami' }], [{ negate: false, acl: 'staging' }]]);
    expect(fourth!.condition!.anyOf[0]![1]).toMatchObject({ negate: true, anonymous: { line: 30, sample: { fetch: 'path' }, method: 'beg', patterns: ['/wp-admin'] } });
    expect(fe.requestRules).toEqual([
      expect.objectContaining({ line: 26, directive: 'http-request', action: 'deny', args: ['deny_status', '403'], files: [] }),
    ]);
    expect(proxy(config, 'edge').requestRules[0]).toMatchObject({ action: 'set-header', files: ['/etc/haproxy/maps/tricky.map'] });
  });

  it('reads disabled, backup and weight on servers, and unix server addresses', () => {
    expect(proxy(config, 'k8s_http_lb_backend').servers.map((s) => [s.name, s.disabled, s.backup, s.weight])).toEqual([
      ['controlplane1', false, false, null], ['controlplane2', false, false, 50], ['worker1', true, false, null], ['worker2', false, true, null],
    ]);
    expect(proxy(config, 'k3s-https-ingress').servers[0]).toMatchObject({ address: 'unix@/etc/haproxy/k3s-https-ingress.sock', weight: 10 });
  });
});

describe('stats socket addresses, for discovery', () => {
  it('tells unix sockets from TCP ones and reads the level', () => {
    const config = parseHaproxyConfig([
      'global',
      '  stats socket ipv4@127.0.0.1:9999 level admin',
      '  stats socket 127.0.0.1:9998',
      '  stats socket unix@/run/haproxy/user.sock mode 600 level user',
      '  stats socket "/run/haproxy/with space.sock" level operator',
    ].join('\n'));
    expect(config.global!.statsSockets.map((s) => [s.line, s.socket, s.tcp, s.level])).toEqual([
      [2, undefined, '127.0.0.1:9999', 'admin'],
      [3, undefined, '127.0.0.1:9998', null],
      [4, '/run/haproxy/user.sock', undefined, 'user'],
      [5, '/run/haproxy/with space.sock', undefined, 'operator'],
    ]);
  });
});

describe('parseHaproxyConfig refuses malformed input with the line', () => {
  it.each([
    ['bind :80', /before any section.*\(line 1\)/],
    ['frontend\n', /"frontend" needs a name \(line 1\)/],
    ['frontend f\n  acl a hdr(host) -x foo', /"-x" is not a valid ACL flag.*\(line 2\)/],
    ['frontend f\n  acl a hdr(host) -m nope x', /unknown ACL match method "-m nope" \(line 2\)/],
    ['frontend f\n  acl a hdr(host) -f', /-f needs an argument \(line 2\)/],
    ['frontend f\n  acl a', /acl "a" has no criterion \(line 2\)/],
    ['frontend f\n  use_backend b if', /missing condition after "if" \(line 2\)/],
    ['frontend f\n  use_backend b if a ||', /ends without an ACL \(line 2\)/],
    ['frontend f\n  use_backend b if { path_beg /x', /never closed.*\(line 2\)/],
    ['frontend f\n  use_backend b if || a', /"\|\|" with no ACL before it \(line 2\)/],
    ['frontend f\n  use_backend %[path,map_beg(/m.map', /missing "\]"|missing "\)"/],
    ['frontend f\n\n  use_backend', /expects one backend name \(line 3\)/],
    ['backend b\n  use_backend c', /"use_backend" is not allowed in a backend section \(line 2\)/],
    ['backend b\n  server s1', /server "s1" has no address \(line 2\)/],
    ['backend b\n  server s1 1.2.3.4:80 weight heavy', /server weight must be 0..256, got "heavy" \(line 2\)/],
    ['global\n  stats socket /x.sock level root', /level" expects user, operator or admin.*\(line 2\)/],
    ['defaults\n  mode ftp', /unknown mode "ftp" \(line 2\)/],
    ['frontend f from nowhere', /unknown defaults "nowhere" \(line 1\)/],
    ['frontend f\n  acl a "x', /unmatched double quote \(line 2\)/],
  ])('%j', (text, message) => {
    expect(() => parseHaproxyConfig(text)).toThrow(ParseError);
    expect(() => parseHaproxyConfig(text)).toThrow(message);
  });

  it('keeps keywords it does not model instead of refusing them', () => {
    const config = parseHaproxyConfig('backend b\n  http-check send meth GET uri /healthz\n  some-future-keyword 1 2\n');
    expect(config.proxies[0]!.lines.map((l) => l.words[0])).toEqual(['http-check', 'some-future-keyword']);
  });
});
