// Pattern matching as HAProxy 2.6 does it (src/pattern.c), for ACLs and map converters alike.
//
// Which entry wins matters for maps (its value is the backend) and for explanations, and it depends on how
// HAProxy indexes the patterns, which `get map` reports (`idx=tree` / `idx=list`):
//   str  exact; tree-indexed unless -i: the first loaded duplicate wins
//   beg  prefix; tree-indexed unless -i: the LONGEST matching prefix wins, whatever the file order
//   end, sub, reg, dir, dom: list-indexed: the first match in load (file) order wins, even if a later entry
//        is more specific (`example.net` above `api.example.net` takes api.example.net)
//   dom  the pattern is a whole "word" of the sample, words being delimited by `.`, `:`, `/` or `?` (pattern.c
//        match_word): `example.net` hits `example.net`, `a.example.net`, `example.net:8080` and even
//        `example.net.evil.org`, but not `myexample.net`. Delimiters at the ends of the pattern are ignored.
//   dir  the same with `/` and `?` as delimiters.
//   reg  unanchored search with PCRE2's meaning, in bounded time (trace/pcre/), or unknown with the reason.
//   int  list, first range in load order holding the sample; a string sample is cast as c_str2int does
//        (read_int64: optional sign, then digits up to the first non-digit; "" fails, "abc" is 0).
//   ip   longest prefix (trace/ip-match.ts).
// `-i` compares ASCII letters without case, as strncasecmp does.
import type { MatchMethod } from '../model/haproxy-config.js';
import { matchIp } from './ip-match.js';
import { pcreTest } from './pcre/index.js';

export interface PatternHit {
  key: string;
  value?: string;
  /** Position of the entry in load order (0-based). */
  index: number;
}

/** Outcome of a match: the hit (or null), or a reason lbtop cannot evaluate this method or pattern. */
export type MatchOutcome = { hit: PatternHit | null } | { unknown: string };

export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function same(a: string, b: string, icase: boolean): boolean {
  return icase ? asciiLower(a) === asciiLower(b) : a === b;
}

function matchWord(sample: string, pattern: string, icase: boolean, delimiters: string): boolean {
  let ps = pattern;
  while (ps.length > 0 && delimiters.includes(ps[0]!)) ps = ps.slice(1);
  while (ps.length > 0 && delimiters.includes(ps[ps.length - 1]!)) ps = ps.slice(0, -1);
  const pl = ps.length;
  if (pl === 0 || pl > sample.length) return false;
  const end = sample.length - pl;
  let mayMatch = true;
  for (let c = 0; c <= end; c++) {
    if (delimiters.includes(sample[c]!)) {
      mayMatch = true;
      continue;
    }
    if (!mayMatch) continue;
    if (same(sample.slice(c, c + pl), ps, icase) && (c === end || delimiters.includes(sample[c + pl]!))) return true;
    mayMatch = false;
  }
  return false;
}

/** c_str2int: HAProxy's read_int64 on the whole string; null when the cast fails (empty string). */
export function readInt64(text: string): number | null {
  if (text === '') return null;
  const m = /^([-+]?)(\d*)/.exec(text)!;
  const n = Number(m[2] === '' ? 0 : m[2]);
  return m[1] === '-' ? -n : n;
}

/** `N`, `N:M`, `:M`, `N:` (or with `-`), as pat_parse_int reads integer and length patterns. */
function inRange(n: number, pattern: string): boolean | null {
  const m = /^(\d*)(?:([:-])(\d*))?$/.exec(pattern);
  if (!m || (m[1] === '' && (m[3] ?? '') === '')) return null;
  const min = m[1] === '' ? -Infinity : Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return n >= min && n <= max;
}

function test(method: MatchMethod, sample: string, key: string, icase: boolean): boolean | string {
  switch (method) {
    case 'str':
      return same(sample, key, icase);
    case 'beg':
      return same(sample.slice(0, key.length), key, icase) && key.length <= sample.length;
    case 'end':
      return key.length <= sample.length && same(sample.slice(sample.length - key.length), key, icase);
    case 'sub':
      return (icase ? asciiLower(sample) : sample).includes(icase ? asciiLower(key) : key);
    case 'dom':
      return matchWord(sample, key, icase, '/?.:');
    case 'dir':
      return matchWord(sample, key, icase, '/?');
    case 'reg': {
      const outcome = pcreTest(key, icase, sample);
      return 'unknown' in outcome ? outcome.unknown : outcome.match;
    }
    case 'len':
    case 'int': {
      const n = method === 'len' ? sample.length : readInt64(sample);
      if (n === null) return false;
      return inRange(n, key) ?? `"${key}" is not an integer range`;
    }
    default:
      return `match method "${method}" is not evaluated by lbtop`;
  }
}

/** Finds the entry HAProxy would return for this sample among entries in load order. */
export function matchPatterns(
  method: MatchMethod,
  icase: boolean,
  sample: string,
  entries: readonly { key: string; value?: string }[],
): MatchOutcome {
  if (method === 'bool') return { hit: sample !== '' && sample !== '0' ? { key: '', index: -1 } : null };
  if (method === 'found') return { hit: { key: '', index: -1 } };
  if (method === 'ip') {
    const found = matchIp(sample, entries.map((e) => e.key));
    if ('unknown' in found) return found;
    const entry = found.index === null ? null : entries[found.index]!;
    if (!entry) return { hit: null };
    return { hit: entry.value === undefined ? { key: entry.key, index: found.index! } : { key: entry.key, value: entry.value, index: found.index! } };
  }
  let best: PatternHit | null = null;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    const ok = test(method, sample, entry.key, icase);
    if (typeof ok === 'string') return { unknown: ok };
    if (!ok) continue;
    const hit: PatternHit = entry.value === undefined ? { key: entry.key, index } : { key: entry.key, value: entry.value, index };
    // Tree-indexed prefix match: the longest prefix wins; strictly longer only, so a tie keeps the first.
    if (method === 'beg' && !icase) {
      if (!best || hit.key.length > best.key.length) best = hit;
      continue;
    }
    return { hit };
  }
  return { hit: best };
}
