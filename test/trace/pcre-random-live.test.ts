// Random patterns (fixed seed) from the PCRE syntax lbtop reads, each loaded into a real HAProxy 2.6 twice: as an
// ACL (`-m reg`, yes/no) and as the one entry of a map_regm map whose value shows the captures (`\0` to `\3`).
// Every random sample is sent once; HAProxy answers with all the yes/no results and all the substituted values.
// Wherever lbtop answers, its answer must be HAProxy's, and HAProxy must load every pattern lbtop accepts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { pcreExec, pcreTest } from '../../src/trace/pcre/index.js';
import { regsub } from '../../src/trace/pcre/regsub.js';
import { expReplace } from '../../src/trace/pcre/replace.js';

const COUNT = 300;
const VALUE = '<\\0|\\1|\\2|\\3>';
const SUBST = '<\\0|\\1>';
/** regsub flags by pattern: global, first match only, global and case-insensitive. */
const flagsOf = (i: number) => ['g', '', 'ig'][i % 3]!;
/** A pattern inside a double-quoted config word: `\`, `"` and `$` are special there. */
const cfg = (text: string) => text.replace(/[\\"$]/g, (c) => `\\${c}`);

function generator(seed: number) {
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = <T>(list: readonly T[]): T => list[next(list.length)]!;
  const atoms = ['a', 'b', 'A', '.', '\\.', '-', '[ab]', '[^a]', '[a-c]', '[[:alpha:]]', '[[:digit:]]', '\\d', '\\w', '\\W', '\\s',
    '\\b', '\\B', '^', '$', '\\A', '\\z', '\\Z', '\\Qa.\\E', '[]a]', '[a-]', '\\x61', '1', '(?i)a', '[[:^digit:]]', '[\\w.]', 'x{,2}'];
  const quantifiers = ['*', '+', '?', '{2}', '{1,3}', '*?', '+?', '??', '{0,2}?', '{2,}'];
  const pattern = (depth: number): string => {
    let text = '';
    for (let i = 1 + next(4); i > 0; i--) {
      let atom = depth > 0 && next(4) === 0
        ? `(${next(3) === 0 ? '?:' : ''}${pattern(depth - 1)}${next(3) === 0 ? `|${pattern(depth - 1)}` : ''})`
        : pick(atoms);
      if (!/^[\^$]|^\\[bBAzZ]|^\(\?i\)|\}$/.test(atom) && next(3) === 0) atom += pick(quantifiers);
      text += atom;
    }
    return text;
  };
  const sample = () => {
    let text = '';
    for (let n = 1 + next(7); n > 0; n--) text += pick(['a', 'b', 'A', 'B', '.', '-', '1', ' ', '_', 'ab', 'é']);
    return text.trim() === text ? text : `x${text.trim()}x`;
  };
  return { next, pattern, sample };
}

const gen = generator(20261207);
const PATTERNS: { pattern: string; icase: boolean }[] = [];
while (PATTERNS.length < COUNT) {
  const pattern = gen.pattern(2);
  const icase = gen.next(4) === 0;
  if (!('unknown' in pcreTest(pattern, icase, 'probe'))) PATTERNS.push({ pattern, icase });
}
const SAMPLES = Array.from({ length: 40 }, () => gen.sample());

interface Real { acl: Set<number>; regm: string[]; regsub: string[] }

function ask(socketPath: string, sample: string): Promise<Real> {
  return new Promise((resolve, reject) => {
    const headers = { host: 'x', 'x-s': Buffer.from(sample, 'utf8').toString('latin1'), connection: 'close' };
    const req = http.request({ socketPath, path: '/', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${body}`));
        const [acl = '', ...rest] = body.split('\n');
        resolve({ acl: new Set(acl.split(',').filter(Boolean).map(Number)), regm: rest.slice(0, COUNT), regsub: rest.slice(COUNT) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe(`${COUNT} random PCRE patterns agree with a real HAProxy ${testHaproxyVersion()}`, () => {
  let root: string;
  let haproxy: HaproxyProcess;
  const real = new Map<string, Real>();

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-pcre-random-'));
    const dir = path.join(root, 'lb');
    mkdirSync(dir, { recursive: true });
    const lines = ['global', '    stats socket @SOCKET@ mode 600 level admin', 'defaults', '    mode http', '    timeout connect 5s',
      '    timeout client 10s', '    timeout server 10s', 'frontend f', '    bind unix@@DIR@/f.sock', '    http-request set-var(txn.r) str()'];
    PATTERNS.forEach(({ pattern, icase }, i) => {
      writeFileSync(path.join(dir, `p${i}.acl`), `${pattern}\n`);
      writeFileSync(path.join(dir, `m${i}.map`), `${pattern} ${VALUE}\n`);
      lines.push(`    acl p${i} req.fhdr(x-s) -m reg${icase ? ' -i' : ''} -f @DIR@/p${i}.acl`);
      lines.push(`    http-request set-var-fmt(txn.r) "%[var(txn.r)]${i}," if p${i}`);
    });
    const maps = PATTERNS.map((_p, i) => `%[req.fhdr(x-s),map_regm(@DIR@/m${i}.map,-)]`).join('\\n');
    const subs = PATTERNS.map(({ pattern }, i) => `%[req.fhdr(x-s),regsub('${cfg(pattern)}','${cfg(SUBST)}'${flagsOf(i) ? `,${flagsOf(i)}` : ''})]`).join('\\n');
    lines.push(`    http-request return status 200 content-type text/plain lf-string "%[var(txn.r)]\\n${maps}\\n${subs}"`);
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: `${lines.join('\n')}\n` });
    for (const sample of SAMPLES) real.set(sample, await ask(path.join(dir, 'f.sock'), sample));
  });
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('-m reg: the same yes/no wherever lbtop answers, and it answers nearly always', () => {
    const wrong: string[] = [];
    let known = 0;
    PATTERNS.forEach(({ pattern, icase }, i) => {
      for (const sample of SAMPLES) {
        const mine = pcreTest(pattern, icase, sample);
        if ('unknown' in mine) continue;
        known++;
        if (mine.match !== real.get(sample)!.acl.has(i)) wrong.push(`${pattern}${icase ? ' -i' : ''} on ${JSON.stringify(sample)}: lbtop ${mine.match}`);
      }
    });
    expect(wrong).toEqual([]);
    expect(known / (PATTERNS.length * SAMPLES.length)).toBeGreaterThan(0.99);
  });

  it('map_regm: the same captures wherever lbtop answers', () => {
    const wrong: string[] = [];
    let known = 0;
    PATTERNS.forEach(({ pattern }, i) => {
      for (const sample of SAMPLES) {
        const caps = pcreExec(pattern, false, sample);
        if (caps !== null && 'unknown' in caps) continue;
        const mine = caps === null ? '-' : expReplace(VALUE, caps);
        if (typeof mine !== 'string') continue;
        known++;
        const theirs = real.get(sample)!.regm[i];
        if (mine !== theirs) wrong.push(`${pattern} on ${JSON.stringify(sample)}: lbtop ${mine}, HAProxy ${theirs}`);
      }
    });
    expect(wrong).toEqual([]);
    expect(known / (PATTERNS.length * SAMPLES.length)).toBeGreaterThan(0.5);
  });

  it('regsub: the same result wherever lbtop answers', () => {
    const wrong: string[] = [];
    let known = 0;
    PATTERNS.forEach(({ pattern }, i) => {
      for (const sample of SAMPLES) {
        const mine = regsub(sample, pattern, SUBST, flagsOf(i));
        if (typeof mine !== 'string') continue;
        known++;
        const theirs = real.get(sample)!.regsub[i];
        if (mine !== theirs) wrong.push(`regsub(${pattern},${SUBST},${flagsOf(i)}) on ${JSON.stringify(sample)}: lbtop ${JSON.stringify(mine)}, HAProxy ${JSON.stringify(theirs)}`);
      }
    });
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(known / (PATTERNS.length * SAMPLES.length)).toBeGreaterThan(0.5);
  });
});
