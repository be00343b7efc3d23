// HAProxy's regexes (`-m reg`, map_reg, map_regm, regsub), evaluated in bounded time with PCRE2's meaning, or
// reported as unknown with the reason. Three steps, each bounded:
//   1. pcre/parse.ts reads the pattern as PCRE2 does, refusing what it cannot read exactly;
//   2. re2js, a linear-time engine, runs the canonical RE2 form of that tree (pcre/emit.ts);
//   3. a "no" is final (PCRE2 giving up also means "no" to HAProxy); a "yes" must also be found by a budgeted
//      PCRE-order search (pcre/backtrack.ts), or HAProxy's PCRE2 might give up and say no.
// The subject is the sample's UTF-8 bytes, one JS character per byte, since PCRE2 runs in non-UTF mode.
// A subject holding a line feed is refused: `$` and `\Z` also match before a final one, `(?m)` changes `^`.
import { RE2JS } from 're2js';
import type { Parsed } from './ast.js';
import { OverBudget, search } from './backtrack.js';
import { emitRe2 } from './emit.js';
import { Unsupported } from './escapes.js';
import { parsePcre } from './parse.js';

export interface Compiled {
  parsed: Parsed;
  re2: RE2JS;
  /** re2js's program size: its work on a subject is at worst this many steps per byte. */
  size: number;
  /** Compiled for PCRE2_NOTBOL: `^` never matches. */
  notbol: boolean;
}

/** Linear is not small: re2js takes ~60 ns a step on its NFA, so a 16 KiB pattern on a 16 KiB header would take
 * seconds on the UI thread. 5M steps is ~0.3 s at worst; a 50-instruction pattern still takes a 100 KiB sample. */
const WORK_MAX = 5_000_000;

export type Unknown = { unknown: string };

const cache = new Map<string, Compiled | Unknown>();
const CACHE_MAX = 4096;

export function compilePcre(pattern: string, icase: boolean, notbol = false): Compiled | Unknown {
  const key = `${icase ? 'i' : '-'}${notbol ? 'n' : '-'}${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const made = compile(pattern, icase, notbol);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, made);
  return made;
}

function compile(pattern: string, icase: boolean, notbol: boolean): Compiled | Unknown {
  const where = `regex ${JSON.stringify(pattern)}`;
  let parsed: Parsed;
  try {
    parsed = parsePcre(pattern, icase);
  } catch (error) {
    if (error instanceof Unsupported) return { unknown: `${where}: ${error.message}` };
    if (error instanceof RangeError) return { unknown: `${where}: nested too deeply for lbtop to read` };
    throw error;
  }
  try {
    const re2 = RE2JS.compile(emitRe2(parsed.root, notbol));
    return { parsed, re2, size: re2.programSize(), notbol };
  } catch (error) {
    return { unknown: `${where}: the linear-time engine refuses it (${(error as Error).message})` };
  }
}

/** The sample as PCRE2 sees it: its UTF-8 bytes, one character per byte. */
export function subjectOf(sample: string): string {
  if (/^[\x00-\x7f]*$/.test(sample)) return sample;
  let subject = '';
  for (const b of new TextEncoder().encode(sample)) subject += String.fromCharCode(b);
  return subject;
}

function checkSubject(compiled: Compiled, subject: string, pattern: string): Unknown | null {
  if (subject.includes('\n')) return { unknown: 'the sample holds a line feed, where PCRE\'s $ and \\Z differ' };
  if (compiled.size * (subject.length + 1) > WORK_MAX) {
    return { unknown: `regex ${JSON.stringify(pattern).slice(0, 40)}... on a ${subject.length}-byte sample: too large to evaluate on the UI thread` };
  }
  return null;
}

/** The PCRE-order search for a match the linear engine found; unknown when PCRE2 might give up first. */
function confirm(compiled: Compiled, subject: string, pattern: string): Int32Array | Unknown {
  try {
    const { spans } = search(compiled.parsed.root, compiled.parsed.groups, subject, compiled.notbol);
    return spans ?? { unknown: `regex ${JSON.stringify(pattern)}: lbtop's two regex engines disagree on this sample` };
  } catch (error) {
    if (!(error instanceof OverBudget) && !(error instanceof RangeError)) throw error;
    const why = error instanceof OverBudget ? error.message : 'recursion too deep';
    return { unknown: `regex ${JSON.stringify(pattern)} on this ${subject.length}-byte sample: HAProxy's PCRE2 may hit its match or JIT stack limit (${why}) and then reports no match` };
  }
}

/** Does the pattern match anywhere in the sample (pcre2_match, unanchored)? */
export function pcreTest(pattern: string, icase: boolean, sample: string): { match: boolean } | Unknown {
  const compiled = compilePcre(pattern, icase);
  if ('unknown' in compiled) return compiled;
  const subject = subjectOf(sample);
  const bad = checkSubject(compiled, subject, pattern);
  if (bad) return bad;
  if (!compiled.re2.test(subject)) return { match: false };
  const spans = confirm(compiled, subject, pattern);
  return 'unknown' in spans ? spans : { match: true };
}

export interface Captures {
  subject: string;
  /** [start, end] of the match (0) and of each group, -1 when a group took no part. */
  spans: Int32Array;
}

/** The match and its captures in PCRE's sense, or null for no match; captures need more care than a yes/no. */
export function pcreExec(pattern: string, icase: boolean, sample: string): Captures | null | Unknown {
  return execBytes(pattern, icase, subjectOf(sample));
}

/** pcreExec on a subject already in bytes (one character per byte), with PCRE2_NOTBOL if asked. */
export function execBytes(pattern: string, icase: boolean, subject: string, notbol = false): Captures | null | Unknown {
  const compiled = compilePcre(pattern, icase, notbol);
  if ('unknown' in compiled) return compiled;
  if (compiled.parsed.emptyLoop) return { unknown: `regex ${JSON.stringify(pattern)}: a repeated part can match the empty string, where PCRE's captures differ from RE2's` };
  const bad = checkSubject(compiled, subject, pattern);
  if (bad) return bad;
  const found = compiled.re2.exec(subject) as (string | undefined)[] & { index: number } | null;
  if (found === null) return null;
  const spans = confirm(compiled, subject, pattern);
  if ('unknown' in spans) return spans;
  for (let g = 0; g <= compiled.parsed.groups; g++) {
    const mine = spans[2 * g]! < 0 ? undefined : subject.slice(spans[2 * g], spans[2 * g + 1]);
    if (mine !== found[g] || (g === 0 && spans[0] !== found.index)) {
      return { unknown: `regex ${JSON.stringify(pattern)}: lbtop's two regex engines capture group ${g} differently` };
    }
  }
  return { subject, spans };
}
