import { describe, expect, it } from 'vitest';
import { matchPatterns } from '../../src/trace/patterns.js';

const keys = (...list: string[]) => list.map((key, i) => ({ key, value: `v${i}` }));
const hit = (outcome: ReturnType<typeof matchPatterns>) => ('hit' in outcome ? (outcome.hit?.key ?? null) : `unknown: ${outcome.unknown}`);

describe('matchPatterns (HAProxy pattern.c semantics)', () => {
  it.each([
    ['example.net', 'example.net', true],
    ['a.example.net', 'example.net', true],
    ['example.net:8080', 'example.net', true],
    ['example.net.evil.org', 'example.net', true],
    ['example.net/path?q', 'example.net', true],
    ['myexample.net', 'example.net', false],
    ['example.netx', 'example.net', false],
    ['EXAMPLE.net', 'example.net', false],
    ['a.example.net', '.example.net.', true],
    ['k8s01.example.net', 'k8s01-dev.example.net', false],
    ['a.a.b', 'a.b', true],
    ['net', 'example.net', false],
    ['x', '...', false],
  ])('dom: %s against %s → %s', (sample, key, expected) => {
    expect(hit(matchPatterns('dom', false, sample, keys(key)))).toBe(expected ? key : null);
  });

  it('dom: first match in file order wins, not the most specific', () => {
    expect(hit(matchPatterns('dom', false, 'api.example.net', keys('example.net', 'api.example.net')))).toBe('example.net');
  });

  it('dom -i compares ASCII letters without case', () => {
    expect(hit(matchPatterns('dom', true, 'API.Example.NET', keys('example.net')))).toBe('example.net');
  });

  it('beg: the longest prefix wins whatever the order; with -i the first in order', () => {
    const entries = keys('/api', '/login', '/api/v2');
    expect(hit(matchPatterns('beg', false, '/api/v2/users', entries))).toBe('/api/v2');
    expect(hit(matchPatterns('beg', false, '/apix', entries))).toBe('/api');
    expect(hit(matchPatterns('beg', false, '/ap', entries))).toBe(null);
    expect(hit(matchPatterns('beg', true, '/API/V2/users', entries))).toBe('/api');
  });

  it('str: exact, first duplicate wins; end, sub, dir', () => {
    expect(matchPatterns('str', false, 'a', [{ key: 'a', value: 'first' }, { key: 'a', value: 'second' }])).toEqual({ hit: { key: 'a', value: 'first', index: 0 } });
    expect(hit(matchPatterns('str', false, 'A', keys('a')))).toBe(null);
    expect(hit(matchPatterns('end', false, 'www.example.org', keys('.net', '.org')))).toBe('.org');
    expect(hit(matchPatterns('sub', false, '/xfoobarx', keys('oba', 'foo')))).toBe('oba');
    expect(hit(matchPatterns('dir', false, '/static/img/a.png', keys('img')))).toBe('img');
    expect(hit(matchPatterns('dir', false, '/static/images/a.png', keys('img')))).toBe(null);
  });

  it('reg: unanchored unless the pattern anchors, -i, and invalid patterns are unknown', () => {
    expect(hit(matchPatterns('reg', false, 'x.example.net:80', keys('example\\.net')))).toBe('example\\.net');
    expect(hit(matchPatterns('reg', false, 'x.example.net:80', keys('example\\.net$')))).toBe(null);
    expect(hit(matchPatterns('reg', true, 'X.EXAMPLE.NET', keys('^x\\.example'))))
      .toBe('^x\\.example');
    expect(hit(matchPatterns('reg', false, 'x', keys('(')))).toMatch(/^unknown: regex "\(": a group without its closing \)/);
  });

  it('int and len ranges', () => {
    expect(hit(matchPatterns('int', false, '1', keys('1')))).toBe('1');
    expect(hit(matchPatterns('int', false, '443', keys('1024:')))).toBe(null);
    expect(hit(matchPatterns('int', false, '8080', keys('1024:')))).toBe('1024:');
    expect(hit(matchPatterns('len', false, 'abcd', keys('0:3', '4')))).toBe('4');
  });
});
