// The PCRE patterns lbtop can evaluate exactly, as a tree. HAProxy 2.6 compiles its regexes with PCRE2 in 8-bit,
// non-UTF mode (regex.c regex_comp: only PCRE2_CASELESS for -i, PCRE2_NO_AUTO_CAPTURE for ACLs), so a pattern
// matches bytes, and every character class here is a set of byte values (0-255), with -i already folded in.

/** 256 entries, 1 where the byte is in the set. */
export type ByteSet = Uint8Array;

export type Node =
  | { t: 'set'; bytes: ByteSet }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'group'; body: Node; capture: number | null }
  | { t: 'repeat'; body: Node; min: number; max: number; greedy: boolean }
  /**
   * `\A` → start, `^` → bol (the same, except that regsub's later rounds pass PCRE2_NOTBOL, which only `^` obeys);
   * `$`, `\Z`, `\z` → end (the subject never holds a line feed, see pcre/index.ts).
   */
  | { t: 'assert'; kind: AssertKind };

export type AssertKind = 'start' | 'bol' | 'end' | 'word' | 'nonword';

export interface Parsed {
  root: Node;
  /** Number of capturing groups, in PCRE's numbering (order of the opening parentheses). */
  groups: number;
  /** Some unbounded repeat can match the empty string: PCRE and RE2 then capture differently (RE2 mimics_pcre.cc). */
  emptyLoop: boolean;
}

export function byteSet(test: (b: number) => boolean): ByteSet {
  const set = new Uint8Array(256);
  for (let b = 0; b < 256; b++) if (test(b)) set[b] = 1;
  return set;
}

const isUpper = (b: number) => b >= 0x41 && b <= 0x5a;
const isLower = (b: number) => b >= 0x61 && b <= 0x7a;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isAlpha = (b: number) => isUpper(b) || isLower(b);
const isSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);
const isPunct = (b: number) => b > 0x20 && b < 0x7f && !isAlpha(b) && !isDigit(b);

/** PCRE2's built-in tables are the C locale: every class is ASCII. `\s` includes VT since PCRE2 10.0. */
export const ESCAPE_SETS: Record<string, ByteSet> = {
  d: byteSet(isDigit),
  D: byteSet((b) => !isDigit(b)),
  w: byteSet((b) => isAlpha(b) || isDigit(b) || b === 0x5f),
  W: byteSet((b) => !(isAlpha(b) || isDigit(b) || b === 0x5f)),
  s: byteSet(isSpace),
  S: byteSet((b) => !isSpace(b)),
};

export const POSIX_SETS: Record<string, ByteSet> = {
  alpha: byteSet(isAlpha),
  lower: byteSet(isLower),
  upper: byteSet(isUpper),
  alnum: byteSet((b) => isAlpha(b) || isDigit(b)),
  ascii: byteSet((b) => b < 0x80),
  blank: byteSet((b) => b === 0x20 || b === 0x09),
  cntrl: byteSet((b) => b < 0x20 || b === 0x7f),
  digit: byteSet(isDigit),
  graph: byteSet((b) => b > 0x20 && b < 0x7f),
  print: byteSet((b) => b >= 0x20 && b < 0x7f),
  punct: byteSet(isPunct),
  space: byteSet(isSpace),
  word: ESCAPE_SETS.w!,
  xdigit: byteSet((b) => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)),
};

/** Adds the other case of every ASCII letter (PCRE2_CASELESS with the C-locale tables). */
export function fold(set: ByteSet): ByteSet {
  const out = set.slice();
  for (let b = 0x41; b <= 0x5a; b++) {
    if (set[b] || set[b + 0x20]) out[b] = out[b + 0x20] = 1;
  }
  return out;
}

export function isWordByte(b: number): boolean {
  return ESCAPE_SETS.w![b] === 1;
}
