// The super-linear parsers found in issue 11, one input each, with the time it took before the fix. Not benchmarks
// (bench/ measures speed): each bound is far below the old time and far above what a linear parser needs, so only
// a return of the backtracking or rescanning makes one fail. Sizes are tried smallest first, so an old parser
// fails on the first one instead of running for minutes on the last.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/model/errors.js';
import { parseBirdProtocolsAll } from '../../src/sources/bird/protocols.js';
import { parseBirdRoutes } from '../../src/sources/bird/routes.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';
import { patternUses } from '../../src/sources/haproxy/maps/usage.js';
import { parsePatternEntries } from '../../src/sources/haproxy/maps/runtime.js';
import { parseHaresources } from '../../src/sources/heartbeat/haresources.js';
import { parseKeepalivedData } from '../../src/sources/keepalived/data.js';
import { redactKeepalived } from '../../src/sources/keepalived/redact.js';
import { parseIpAddrJson } from '../../src/sources/netlink/ip-addr.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

/**
 * How much slower than a quiet machine the suite may run: CI shares two cores with HAProxy processes and a second
 * test worker, and a busy machine was seen 4× slower (ip -j at 20,000 interfaces: 441 ms quiet, 1,740 ms at load
 * 12). Every old parser took far longer than bound × this at the largest size, so the tests still catch them.
 */
const LOAD_SLACK = 4;

/** Runs parse on each size's input in turn; each must finish (or throw a ParseError) within boundMs × LOAD_SLACK. */
function expectLinear(sizes: number[], input: (n: number) => string, parse: (text: string) => unknown, boundMs: number): void {
  for (const n of sizes) {
    const text = input(n);
    const started = performance.now();
    try {
      parse(text);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
    }
    expect(Math.round(performance.now() - started), `${n}: milliseconds`).toBeLessThan(boundMs * LOAD_SLACK);
  }
}

/** text with `line` inserted as its line number `at` (1-based). */
function insertLine(text: string, at: number, line: string): string {
  const lines = text.split('\n');
  lines.splice(at - 1, 0, line);
  return lines.join('\n');
}

describe('parsers stay linear on long blank runs (issue 11)', () => {
  it('keepalived data dump: a line of 2,000 then 10,000 blanks (was 4.2 s and 390 s)', () => {
    const dump = fixture('keepalived/data-v2.2.7-lb-0.txt');
    expectLinear([2_000, 10_000, 100_000], (n) => insertLine(dump, 4, ` Flags${' '.repeat(n)}x`), parseKeepalivedData, 1000);
  });

  it('BIRD: a route line with 4,000 blanks (was 20 s)', () => {
    const reply = fixture('bird/1.6.8-show-route-protocol-bgp1.txt');
    expectLinear([2_000, 4_000, 100_000], (n) => insertLine(reply, 2, `172.16.1.0/24${' '.repeat(n)}x`), parseBirdRoutes, 1000);
  });

  it('map file: a line with 100,000 blanks (was 9.4 s)', () => {
    expectLinear([25_000, 100_000, 1_000_000], (n) => `key value${' '.repeat(n)}x\n`, (t) => parsePatternFile(t, 'map'), 500);
  });

  it('haproxy.cfg: 50,000 sections (was 6.9 s)', () => {
    const config = (n: number) => Array.from({ length: n }, (_, i) => `backend b${i}\n`).join('');
    expectLinear([50_000, 100_000], config, parseHaproxyConfig, 2000);
  });

  it('map and ACL file uses in haproxy.cfg: rules reading 16,000 map files', () => {
    const config = (n: number) => {
      const maps = Array.from({ length: n }, (_, i) => `map(/m${i})`).join(',');
      return `frontend f\n  use_backend %[src,${maps}]\n  http-request set-header X %[src,${maps}]\n  acl a src,${maps} -m found\n`;
    };
    expectLinear([4_000, 16_000], config, (t) => patternUses(parseHaproxyConfig(t)), 1000);
  });

  it('keepalived redaction: 100,000 blank lines', () => {
    expectLinear([30_000, 100_000], (n) => `x\n${'\n'.repeat(n)}Password = secret\n`, redactKeepalived, 1000);
  });

  it('BIRD: a 100,000-digit route count', () => {
    const all = fixture('bird/2.0.12-v-show-protocols-all-bgp1.txt');
    expectLinear([30_000, 100_000], (n) => all.replace(/(Routes: +)(\d+)/, (_m, p: string) => `${p}${'1'.repeat(n)}x`), parseBirdProtocolsAll, 1000);
  });

  it('haresources: 100,000 "#" before a CR', () => {
    expectLinear([30_000, 100_000], (n) => `node1 10.0.0.1 ${'#'.repeat(n)}\r\n`, parseHaresources, 1000);
  });

  it('`show map`: a long run of empty lines', () => {
    expectLinear([30_000, 100_000], (n) => `0x1 a b${'\n'.repeat(n)}0x2 c d\n`, (t) => parsePatternEntries(t, true), 1000);
  });

  it('`ip -j addr`: 20,000 interfaces', () => {
    const one = JSON.parse(fixture('ip/addr-lb-0.json')) as unknown[];
    expectLinear([1_000, 20_000], (n) => JSON.stringify(Array.from({ length: n }, (_, i) => one[i % one.length])), parseIpAddrJson, 1000);
  });
});

describe('line ends inside a map line (issue 11: a TypeError before)', () => {
  it('reads CR, NUL and U+2028 the way HAProxy does', () => {
    const file = parsePatternFile('a b\rc\nd\u2028e f\u2028g\nh\0i j\n\r\n', 'map');
    expect(file.lines.map((l) => (l.kind === 'entry' ? [l.key, l.value] : l.kind))).toEqual([['a', 'b'], ['d\u2028e', 'f\u2028g'], ['h', ''], 'blank']);
    expect(parsePatternFile('x\ry z\n', 'acl').lines).toMatchObject([{ kind: 'entry', key: 'x' }]);
  });
});
