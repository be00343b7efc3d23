import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseMatcher } from '../../src/config/matcher.js';
import type { LbtopConfig } from '../../src/model/config.js';

/** Matchers carry a test() function; as JSON they are just { source }, which makes whole configs comparable. */
const plain = (config: LbtopConfig | undefined) => JSON.parse(JSON.stringify(config)) as unknown;

const SPEC = `lbs:
  lb1:
    haproxy: { socket: /run/haproxy/admin.sock }   # or { tcp: 127.0.0.1:9999 }
  lb2:
    haproxy: { socket: /run/lb2/admin.sock }
clusters:
  k8s01:      { backends: [k8s_http_lb_backend, k8s_https_lb_backend, k3s-backend] }
  k8s01-dev:  { backends: ["/_k8s01_dev_/"] }      # /regex/ allowed; frontends likewise
`;

describe('loadConfig on valid files', () => {
  it('gives the exact typed config of the issue example, with defaults', () => {
    const { config, issues } = loadConfig(SPEC, 'lbtop.yaml');
    expect(issues).toEqual([]);
    expect(plain(config)).toEqual({
      lbs: [
        { name: 'lb1', haproxy: { socket: '/run/haproxy/admin.sock', timeoutMs: 5000 } },
        { name: 'lb2', haproxy: { socket: '/run/lb2/admin.sock', timeoutMs: 5000 } },
      ],
      clusters: [
        {
          name: 'k8s01',
          backends: [{ source: 'k8s_http_lb_backend' }, { source: 'k8s_https_lb_backend' }, { source: 'k3s-backend' }],
          frontends: [],
        },
        { name: 'k8s01-dev', backends: [{ source: '/_k8s01_dev_/' }], frontends: [] },
      ],
      intervalSec: 2,
      readOnly: false,
      theme: 'dark',
      path: 'lbtop.yaml',
    });
  });

  it('reads tcp, timeout, ssh (alias and object), interval, read_only and theme', () => {
    const text = [
      'interval: 0.5',
      'read_only: true',
      'theme: ./themes/night.yaml',
      'lbs:',
      '  "10":',
      '    haproxy: { tcp: "[::1]:9999", timeout: 250 }',
      '    ssh: lb10',
      '  edge.example:',
      '    haproxy: { tcp: 127.0.0.1:9999 }',
      '    ssh: { host: 10.0.0.2, user: ops, port: 2222, identity: ~/.ssh/id_ed25519, jump: bastion }',
    ].join('\n');
    const { config, issues } = loadConfig(text);
    expect(issues).toEqual([]);
    expect(plain(config)).toEqual({
      // File order, although a plain object would list the integer-like key "10" first anyway.
      lbs: [
        { name: '10', haproxy: { tcp: '[::1]:9999', timeoutMs: 250 }, ssh: { host: 'lb10' } },
        {
          name: 'edge.example',
          haproxy: { tcp: '127.0.0.1:9999', timeoutMs: 5000 },
          ssh: { host: '10.0.0.2', user: 'ops', port: 2222, identity: '~/.ssh/id_ed25519', jump: 'bastion' },
        },
      ],
      clusters: [],
      intervalSec: 0.5,
      readOnly: true,
      theme: './themes/night.yaml',
    });
  });

  it('keeps LBs and clusters in the order of the file, integer-like names included', () => {
    const text = 'lbs:\n  b: {haproxy: {socket: /b}}\n  "2": {haproxy: {socket: /2}}\n  a: {haproxy: {socket: /a}}\n';
    expect(loadConfig(text).config?.lbs.map((lb) => lb.name)).toEqual(['b', '2', 'a']);
  });

  it('takes an empty file as all defaults (LBs may come from -s)', () => {
    expect(plain(loadConfig('# nothing yet\n').config)).toEqual({
      lbs: [],
      clusters: [],
      intervalSec: 2,
      readOnly: false,
      theme: 'dark',
    });
  });

  it('accepts YAML anchors and merge keys for settings shared by LBs', () => {
    const text = 'lbs:\n  a: { haproxy: &h { socket: /run/a.sock, timeout: 900 } }\n  b: { haproxy: { <<: *h, socket: /run/b.sock } }\n';
    const { config, issues } = loadConfig(text);
    expect(issues).toEqual([]);
    expect(config?.lbs[1]?.haproxy).toEqual({ socket: '/run/b.sock', timeoutMs: 900 });
  });

  it('returns cluster matchers that match as the file says', () => {
    const { config } = loadConfig('clusters:\n  dev: { backends: [exact_be, "/_k8s01_dev_/"], frontends: ["/^FE-/i"] }\n');
    const dev = config!.clusters[0]!;
    const backend = (name: string) => dev.backends.some((m) => m.test(name));
    expect(backend('exact_be')).toBe(true);
    expect(backend('exact_be2')).toBe(false); // exact means exact, not a prefix
    expect(backend('http_k8s01_dev_backend')).toBe(true); // a regex is unanchored
    expect(backend('http_k8s02_dev_backend')).toBe(false);
    expect(dev.frontends[0]!.test('fe-http')).toBe(true);
    expect(dev.frontends[0]!.test('my-fe-http')).toBe(false);
  });
});

describe('parseMatcher', () => {
  it('never keeps state between tests (no g or y flag)', () => {
    const r = parseMatcher('/a/');
    if (!('matcher' in r)) throw new Error('expected a matcher');
    expect([r.matcher.test('a'), r.matcher.test('a'), r.matcher.test('a')]).toEqual([true, true, true]);
    expect(parseMatcher('/a/g')).toEqual({ error: expect.stringContaining('is not a /regex/') });
  });

  it('explains a regex that does not compile', () => {
    expect(parseMatcher('/k8s(/')).toEqual({ error: 'invalid regex /k8s(/: Unterminated group' });
  });
});

describe('parseMatcher in bounded time', () => {
  it('a catastrophic /regex/ answers at once on a long name', () => {
    const r = parseMatcher('/^(a+)+$/');
    if (!('matcher' in r)) throw new Error('expected a matcher');
    // A backtracking engine takes ~2^n steps here: minutes for 40 characters, forever for 5,000.
    const started = performance.now();
    expect(r.matcher.test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(r.matcher.test('a'.repeat(5000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses what only a backtracking engine can run, saying why', () => {
    expect(parseMatcher('/^(k8s)\\1/')).toEqual({ error: expect.stringMatching(/^invalid regex \/\^\(k8s\)\\1\/: lbtop matches names in linear time, without lookaround or backreferences/) });
    expect(parseMatcher('/k8s(?=_dev)/')).toEqual({ error: expect.stringContaining('without lookaround') });
  });

  it('keeps JavaScript syntax and the i flag', () => {
    const r = parseMatcher('/^(?<cluster>K8S\\d+)_\\w+$/i');
    if (!('matcher' in r)) throw new Error('expected a matcher');
    expect([r.matcher.test('k8s01_backend'), r.matcher.test('k8s_backend')]).toEqual([true, false]);
  });
});
