// Backslash escapes and bracket classes of PCRE2 10.42 (pcre2pattern(3)), the part of the syntax lbtop evaluates.
// Anything else is refused with the reason, so a trace never reads a PCRE construct as something else.
import { byteSet, ESCAPE_SETS, fold, POSIX_SETS, type AssertKind, type ByteSet } from './ast.js';

/** Thrown for syntax lbtop does not evaluate, or that PCRE2 itself rejects (HAProxy would refuse the config). */
export class Unsupported extends Error {}

export interface Cursor {
  src: string;
  pos: number;
}

const SIMPLE: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, e: 27, a: 7 };

const WHY: Record<string, string> = {
  g: 'a backreference (\\g)',
  k: 'a backreference (\\k)',
  h: '\\h (horizontal space)',
  H: '\\H (not horizontal space)',
  v: '\\v (vertical space in PCRE, a VT character in other engines)',
  V: '\\V (not vertical space)',
  R: '\\R (any newline sequence)',
  N: '\\N',
  K: '\\K (reset match start)',
  G: '\\G (first matching position)',
  X: '\\X (extended grapheme cluster)',
  C: '\\C (one code unit)',
  p: 'a Unicode property (\\p)',
  P: 'a Unicode property (\\P)',
  o: 'an octal escape \\o{...}',
  c: 'a control escape \\cX',
};

function hex(c: Cursor): number {
  if (c.src[c.pos] === '{') {
    // A bounded window keeps a pattern of many unclosed `\x{` linear; longer forms are refused.
    const window = c.src.slice(c.pos, c.pos + 12);
    const close = window.indexOf('}');
    const digits = close < 0 ? '' : window.slice(1, close);
    if (!/^[0-9a-fA-F]+$/.test(digits)) throw new Unsupported('a malformed \\x{...} escape');
    const value = parseInt(digits, 16);
    if (value > 0xff) throw new Unsupported(`\\x{${digits}} is above 0xff (PCRE2 in non-UTF mode rejects it)`);
    c.pos += close + 1;
    return value;
  }
  const m = /^[0-9a-fA-F]{1,2}/.exec(c.src.slice(c.pos, c.pos + 2));
  if (!m) throw new Unsupported('\\x without hex digits');
  c.pos += m[0].length;
  return parseInt(m[0], 16);
}

/**
 * One escape after the backslash (c.pos is past it): a byte, a set, or an assertion name. `inClass` changes
 * `\b` (backspace in a class) and refuses assertions.
 */
export function escape(c: Cursor, inClass: boolean): number | ByteSet | Exclude<AssertKind, 'bol'> {
  const ch = c.src[c.pos];
  if (ch === undefined) throw new Unsupported('a pattern ending with \\ (PCRE2 rejects it)');
  c.pos++;
  if (ch in SIMPLE) return SIMPLE[ch]!;
  if (ch in ESCAPE_SETS) return ESCAPE_SETS[ch]!;
  if (ch === 'x') return hex(c);
  if (ch === '0') {
    const m = /^[0-7]{0,2}/.exec(c.src.slice(c.pos, c.pos + 2))!;
    c.pos += m[0].length;
    return parseInt(`0${m[0]}`, 8);
  }
  if (ch >= '1' && ch <= '9') throw new Unsupported(`\\${ch}: a backreference (or an octal escape, as PCRE decides by the group count)`);
  if (inClass) {
    if (ch === 'b') return 8;
  } else {
    if (ch === 'b') return 'word';
    if (ch === 'B') return 'nonword';
    if (ch === 'A') return 'start';
    // `\Z` also matches before a final line feed, `\z` only at the end: the same on a subject without one.
    if (ch === 'z' || ch === 'Z') return 'end';
  }
  if (/[A-Za-z]/.test(ch)) throw new Unsupported(`${WHY[ch] ?? `\\${ch}`} is not evaluated by lbtop`);
  const code = ch.charCodeAt(0);
  if (code > 0x7f) throw new Unsupported('a non-ASCII character in the pattern');
  return code;
}

/** A bracket class; c.pos is past the `[`. */
export function bracket(c: Cursor, icase: boolean): ByteSet {
  const set = new Uint8Array(256);
  const add = (s: ByteSet) => s.forEach((v, b) => v && (set[b] = 1));
  let negate = false;
  if (c.src[c.pos] === '^') {
    negate = true;
    c.pos++;
  }
  let first = true;
  for (;;) {
    const ch = c.src[c.pos];
    if (ch === undefined) throw new Unsupported('a class without its closing ] (PCRE2 rejects it)');
    if (ch === ']' && !first) {
      c.pos++;
      break;
    }
    first = false;
    if (ch === '[' && /^[:.=]/.test(c.src[c.pos + 1] ?? '')) {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(c.src.slice(c.pos, c.pos + 12)); // the longest name is "xdigit"
      if (!m || !(m[2]! in POSIX_SETS)) throw new Unsupported(`"${c.src.slice(c.pos, c.pos + 10)}..." in a class (a POSIX collating element or unknown class)`);
      const posix = POSIX_SETS[m[2]!]!;
      add(m[1] ? byteSet((b) => posix[b] === 0) : posix);
      c.pos += m[0].length;
      hyphenAfterSet(c);
      continue;
    }
    const low = atom(c);
    if (typeof low !== 'number') {
      add(low);
      hyphenAfterSet(c);
      continue;
    }
    if (c.src[c.pos] === '-' && c.src[c.pos + 1] !== ']' && c.src[c.pos + 1] !== undefined) {
      c.pos++;
      const high = atom(c);
      if (typeof high !== 'number') throw new Unsupported('a range ending in a class escape');
      if (high < low) throw new Unsupported('a range out of order (PCRE2 rejects it)');
      for (let b = low; b <= high; b++) set[b] = 1;
      continue;
    }
    set[low] = 1;
  }
  const folded = icase ? fold(set) : set;
  return negate ? byteSet((b) => folded[b] === 0) : folded;
}

/** PCRE2 rejects `[\d-z]` and `[[:digit:]-z]` ("invalid range"), where Perl only warns. */
function hyphenAfterSet(c: Cursor): void {
  if (c.src[c.pos] === '-' && c.src[c.pos + 1] !== ']' && c.src[c.pos + 1] !== undefined) {
    throw new Unsupported('a hyphen after a class escape (PCRE2 rejects it as an invalid range)');
  }
}

function atom(c: Cursor): number | ByteSet {
  const ch = c.src[c.pos]!;
  if (ch === '[' && /^[:.=]/.test(c.src[c.pos + 1] ?? '')) throw new Unsupported('a POSIX class as the end of a range');
  c.pos++;
  if (ch !== '\\') {
    if (ch.charCodeAt(0) > 0x7f) throw new Unsupported('a non-ASCII character in the pattern');
    return ch.charCodeAt(0);
  }
  if (c.src[c.pos] === 'Q' || c.src[c.pos] === 'E') throw new Unsupported('\\Q or \\E inside a class is not evaluated by lbtop');
  const e = escape(c, true);
  if (typeof e === 'string') throw new Unsupported('an assertion inside a class');
  return e;
}
