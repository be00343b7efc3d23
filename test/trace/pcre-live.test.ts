// lbtop's regex answers against a real HAProxy (2.6: PCRE2 10.42 with JIT; in the 3.0 run, 3.0 with PCRE2 10.46): every pattern of the table is an ACL
// read from its own file (`-m reg -f`, so no config escaping stands between the pattern and PCRE2), every sample
// is one request whose header the ACLs test, and HAProxy answers with the list of ACLs that matched. Where lbtop
// gives an answer it must be HAProxy's; where HAProxy's PCRE2 gives up (match limit, JIT stack) lbtop must say
// unknown rather than the mathematically right answer that HAProxy does not give.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { matchPatterns } from '../../src/trace/patterns.js';

// [pattern, -i]
const PATTERNS: [string, boolean][] = [
  ['\\Aapi\\.example\\.net\\z', false],
  ['^api\\.example\\.net$', false],
  ['[[:digit:]]+$', false],
  ['^[[:alpha:]]+[[:digit:]]', false],
  ['[[:^alpha:][:digit:]]', false],
  ['\\Qa.b*c\\E', false],
  ['^\\Qa.b\\E$', false],
  ['(?i)^API\\.', false],
  ['^API\\.EXAMPLE', true],
  ['[^a]', true],
  ['[[:upper:]]', true],
  ['^[^.]+\\.example\\.net$', false],
  ['example\\.(net|org)$', false],
  ['\\bnet\\b', false],
  ['\\Bxample', false],
  ['^(www\\.)?example\\.net$', false],
  ['^([a-z0-9-]+\\.)*example\\.net$', false],
  ['[\\d-]{3}', false],
  ['^.{3}$', false],
  ['^..$', false],
  ['x{,2}', false],
  ['a{2,3}?b', false],
  ['\\x41\\x{42}', false],
  ['[\\x41-\\x43]+$', false],
  ['\\s', false],
  ['\\w+\\W', false],
  ['(?i:A)b', false],
  ['a(?i)b|C', false],
  ['^$', false],
  ['[]a]', false],
  ['[^]a]', false],
  ['a\\Z', false],
  ['^(a+)+$', false],
  ['^(a|b)*$', false],
  ['(x+x+)+y|z', false],
  // A named group, as ACL regexes are compiled with PCRE2_NO_AUTO_CAPTURE (`(a)\\1` would not load).
  ['(?<x>a)\\k<x>', false],
  ['a(?=b)', false],
];

const SAMPLES = [
  'api.example.net', 'API.example.net', 'www.example.net', 'a.b.example.net', 'example.net', 'example.org:80', 'abc123',
  'a.b*c', 'axb*c', 'a.b', 'AB', 'aB', 'ab', 'C', 'é', 'net', 'x{,2}', 'aab', 'b', ']', 'a b', 'aa', '12-3',
  'a'.repeat(100), 'a'.repeat(1500), `${'a'.repeat(27)}!`, `${'x'.repeat(30)}z`, 'xxxxz',
];

/** The ACL numbers HAProxy matched for this header value (sent as its UTF-8 bytes). */
function matched(socketPath: string, sample: string): Promise<Set<number>> {
  const value = Buffer.from(sample, 'utf8').toString('latin1');
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/', headers: { host: 'x', 'x-s': value, connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(new Set(body.split(',').filter(Boolean).map(Number))) : reject(new Error(`HTTP ${res.statusCode}: ${body}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

describe(`regex answers agree with a real HAProxy ${testHaproxyVersion()} (PCRE2)`, () => {
  let root: string;
  let haproxy: HaproxyProcess;
  const real = new Map<string, Set<number>>();

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-pcre-'));
    const dir = path.join(root, 'lb');
    mkdirSync(dir, { recursive: true });
    const lines = ['global', '    stats socket @SOCKET@ mode 600 level admin', 'defaults', '    mode http', '    timeout connect 5s',
      '    timeout client 10s', '    timeout server 10s', 'frontend f', '    bind unix@@DIR@/f.sock', '    http-request set-var(txn.r) str()'];
    PATTERNS.forEach(([pattern, icase], i) => {
      writeFileSync(path.join(dir, `p${i}.acl`), `${pattern}\n`);
      lines.push(`    acl p${i} req.fhdr(x-s) -m reg${icase ? ' -i' : ''} -f @DIR@/p${i}.acl`);
      lines.push(`    http-request set-var-fmt(txn.r) "%[var(txn.r)]${i}," if p${i}`);
    });
    lines.push('    http-request return status 200 content-type text/plain lf-string "%[var(txn.r)]"');
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: `${lines.join('\n')}\n` });
    for (const sample of SAMPLES) real.set(sample, await matched(path.join(dir, 'f.sock'), sample));
  });
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const answer = (i: number, sample: string) => {
    const [pattern, icase] = PATTERNS[i]!;
    const outcome = matchPatterns('reg', icase, sample, [{ key: pattern }]);
    return 'unknown' in outcome ? 'unknown' : outcome.hit !== null;
  };

  it.each(PATTERNS.map(([p, icase], i) => [`${p}${icase ? ' (-i)' : ''}`, i] as const))('%s', (_name, i) => {
    const wrong: string[] = [];
    for (const sample of SAMPLES) {
      const mine = answer(i, sample);
      const theirs = real.get(sample)!.has(i);
      if (mine !== 'unknown' && mine !== theirs) wrong.push(`${JSON.stringify(sample.length > 40 ? `${sample.slice(0, 8)}…(${sample.length})` : sample)}: lbtop ${mine}, HAProxy ${theirs}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers nearly every pair, and says unknown where PCRE2 gives up or where lbtop cannot read the pattern', () => {
    let known = 0;
    for (let i = 0; i < PATTERNS.length; i++) for (const s of SAMPLES) if (answer(i, s) !== 'unknown') known++;
    expect(known / (PATTERNS.length * SAMPLES.length)).toBeGreaterThan(0.9);
    const at = (p: string) => PATTERNS.findIndex(([q]) => q === p);
    // HAProxy says no where the regex does match: PCRE2 hit the JIT stack or the match limit.
    expect(real.get('a'.repeat(1500))!.has(at('^(a|b)*$'))).toBe(false);
    expect(answer(at('^(a|b)*$'), 'a'.repeat(1500))).toBe('unknown');
    expect(real.get(`${'x'.repeat(30)}z`)!.has(at('(x+x+)+y|z'))).toBe(false);
    expect(answer(at('(x+x+)+y|z'), `${'x'.repeat(30)}z`)).toBe('unknown');
    // ...and yes where PCRE2 finds the match cheaply.
    expect(answer(at('^(a|b)*$'), 'a'.repeat(100))).toBe(true);
    expect(answer(at('(x+x+)+y|z'), 'xxxxz')).toBe(true);
    // Backreferences and lookahead are never answered.
    for (const s of SAMPLES) {
      expect(answer(at('(?<x>a)\\k<x>'), s)).toBe('unknown');
      expect(answer(at('a(?=b)'), s)).toBe('unknown');
    }
  });
});
