// What lbtop's PCRE reader refuses, and why; what it hands re2js; the byte view of a sample. The answers
// themselves are checked against a real HAProxy in pcre-live.test.ts and trace-pcre-live.test.ts.
import { describe, expect, it } from 'vitest';
import { emitRe2 } from '../../src/trace/pcre/emit.js';
import { pcreExec, pcreTest, subjectOf } from '../../src/trace/pcre/index.js';
import { parsePcre } from '../../src/trace/pcre/parse.js';
import { regsub, regsubArgs } from '../../src/trace/pcre/regsub.js';
import { expReplace } from '../../src/trace/pcre/replace.js';

const reason = (pattern: string, sample = 'aab') => {
  const r = pcreTest(pattern, false, sample);
  return 'unknown' in r ? r.unknown.replace(/^regex ".*?": /, '') : `answered ${r.match}`;
};

describe('PCRE constructs lbtop does not evaluate are unknown, with the reason', () => {
  it.each([
    ['(a)\\1', /backreference/],
    ['(?<x>a)\\k<x>', /backreference/],
    ['(?P<x>a)(?P=x)', /backreference/],
    ['a(?=b)', /lookaround/],
    ['a(?!b)', /lookaround/],
    ['(?<=a)b', /lookaround/],
    ['(?<!a)b', /lookaround/],
    ['(?>a+)b', /atomic group/],
    ['a++b', /possessive/],
    ['a{1,2}+b', /possessive/],
    ['(a|(?R))', /recursion/],
    ['(?(1)a|b)', /conditional/],
    ['(*UTF)a', /verb/],
    ['(?#note)a', /comment/],
    ['(?x) a', /option or group kind/],
    ['\\ha', /\\h/],
    ['\\v', /vertical space/],
    ['\\R', /newline/],
    ['\\pL', /Unicode property/],
    ['a\\Kb', /reset match start/],
    ['[[.a.]]', /collating/],
    ['[[=a=]]', /collating/],
    ['[[:nope:]]', /unknown class/],
    ['[\\d-z]', /invalid range/],
    ['é', /non-ASCII/],
    ['a{2000}', /linear-time engine refuses/],
    ['a{70000}', /above 65535/],
    ['(a', /closing \)/],
    ['a)', /unmatched \)/],
    ['*a', /nothing to repeat/],
    // Literal text in PCRE2 10.42 (HAProxy 2.6, Debian 12), a quantifier from 10.43 (HAProxy 3.0, Debian 13).
    ['x{,2}', /PCRE2 10\.43/],
    ['x{ 2}', /PCRE2 10\.43/],
    ['x{1, 3}', /PCRE2 10\.43/],
  ])('%s', (pattern, why) => {
    expect(reason(pattern)).toMatch(why);
  });

  it('a sample with a line feed, where $ and \\Z differ between engines', () => {
    expect(reason('a$', 'a\n')).toMatch(/line feed/);
  });

  it('captures of a repeated part that can match nothing (PCRE and RE2 differ there)', () => {
    expect(pcreExec('(a*)*b', false, 'aab')).toEqual({ unknown: expect.stringContaining('empty string') });
  });
});

describe('PCRE read with its own meaning', () => {
  it('hands re2js a canonical pattern: explicit bytes, folded case, \\A and \\z', () => {
    expect(emitRe2(parsePcre('^a.$', false).root)).toBe('\\A[\\x{61}][\\x{0}-\\x{9}\\x{b}-\\x{ff}]\\z');
    expect(emitRe2(parsePcre('(?i)a', false).root)).toBe('[\\x{41}\\x{61}]');
    expect(emitRe2(parsePcre('\\Qa.\\E+', false).root)).toBe('[\\x{61}](?:[\\x{2e}])+');
  });

  it('matches bytes, not characters, as PCRE2 in non-UTF mode', () => {
    expect(subjectOf('é')).toBe('\u00c3\u00a9');
    expect(pcreTest('^..$', false, 'é')).toEqual({ match: true });
    expect(pcreTest('^.$', false, 'é')).toEqual({ match: false });
  });

  it('braces that are literal in every PCRE2 version stay literal', () => {
    expect(pcreTest('^x{,}$', false, 'x{,}')).toEqual({ match: true });
    expect(pcreTest('^x{a}$', false, 'x{a}')).toEqual({ match: true });
    expect(pcreTest('^x{2}$', false, 'xx')).toEqual({ match: true });
  });

  it('\\s includes VT (PCRE2 ≥ 10.0); \\x{} above 0xff is refused in non-UTF mode', () => {
    expect(pcreTest('^\\s$', false, '\v')).toEqual({ match: true });
    expect(reason('\\x{100}')).toMatch(/above 0xff/);
  });

  it('map_regm values: \\N captures, \\xHH bytes, other escapes literal, a lone \\ fails', () => {
    const caps = pcreExec('^(a)(x)?(b+)$', false, 'abb');
    if (caps === null || 'unknown' in caps) throw new Error(`expected captures, got ${JSON.stringify(caps)}`);
    expect(expReplace('be_\\1\\2\\3\\x5f\\9\\.', caps)).toBe('be_abb_.');
    expect(expReplace('be\\', caps)).toEqual({ unknown: expect.stringContaining('lone') });
  });
});

describe('bounded on the UI thread whatever the pattern', () => {
  it.each([
    ['many braces', 'a{'.repeat(20_000)],
    ['many unclosed \\x{', '\\x{'.repeat(20_000)],
    ['deep nesting', `${'('.repeat(20_000)}a${')'.repeat(20_000)}`],
    ['long alternation', Array.from({ length: 3000 }, (_, i) => `h${i}`).join('|')],
    ['a huge pattern on a long sample', '[[:alpha:]]'.repeat(1500)],
  ])('%s: answered or refused at once', (_name, pattern) => {
    const started = performance.now();
    pcreTest(pattern, false, 'a'.repeat(5000));
    // Generous: the point is "not seconds", and a quadratic reader takes minutes here.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('regsub rounds as HAProxy runs them', () => {
  // Each expectation is what HAProxy 2.6.12 answered for the header "aaab" (lf-string %[req.fhdr(x-s),regsub(...)]).
  it.each([
    ['^a', 'x', 'g', 'xaab'], // later rounds pass PCRE2_NOTBOL: ^ matches once
    ['\\Aa', 'x', 'g', 'xxxb'], // ...but \A matches at every round's start
    ['x*', '-', 'g', '-a-a-a-b-'], // an empty match copies one byte and moves on
    ['\\bb', 'B', 'g', 'aaab'],
    ['a', 'x', '', 'xaab'], // without g, the first match only
  ])('regsub(%s,%s,%s) on aaab → %s', (regex, subst, flags, expected) => {
    expect(regsub('aaab', regex, subst, flags)).toBe(expected);
  });

  it('reads its arguments as HAProxy does, and leaves quoted ones to HAProxy', () => {
    expect(regsubArgs(['\\.example\\.net$', '\\ x', 'g'])).toEqual({ regex: '\\.example\\.net$', subst: ' x', flags: 'g' });
    expect(regsubArgs(['"a,b"', 'x'])).toEqual({ unknown: expect.stringContaining('quotes') });
    expect(regsub('a', 'a', 'b', 'gx')).toEqual({ unknown: expect.stringContaining('only i and g') });
  });
});
