// A PCRE2 pattern (as HAProxy 2.6 compiles it) read into the tree of pcre/ast.ts. lbtop's own reader rather than
// handing the text to another engine: RE2 accepts some PCRE text and means something else by it (`\v` is VT,
// `[[.a.]]` a class, `\12` an octal escape), so every construct is read here with PCRE's meaning or refused.
// Refused, with the reason: backreferences, lookaround, atomic groups, possessive quantifiers, recursion,
// conditionals, verbs, callouts, comments, `\h \v \R \K \G \X \C \p`..., the x/n/U/J options, non-ASCII text.
import { byteSet, fold, type ByteSet, type Node, type Parsed } from './ast.js';
import { bracket, escape, Unsupported, type Cursor } from './escapes.js';

const MAX_COUNT = 65535; // PCRE2's largest {n,m}

function literal(code: number, icase: boolean): Node {
  const set = byteSet((b) => b === code);
  return { t: 'set', bytes: icase ? fold(set) : set };
}

const ANY_BUT_LF: ByteSet = byteSet((b) => b !== 0x0a);
const ANY: ByteSet = byteSet(() => true);

/**
 * `{n}`, `{n,}` or `{n,m}` at pos (PCRE2 10.42: no spaces, and `{,m}` is literal text), read by hand so that a
 * pattern of many braces stays linear.
 */
function braces(src: string, pos: number): { min: number; max: number; end: number } | null {
  if (src[pos] !== '{') return null;
  const digits = (from: number) => {
    let to = from;
    while (src[to] !== undefined && src[to]! >= '0' && src[to]! <= '9') to++;
    return to;
  };
  const a = digits(pos + 1);
  if (a === pos + 1) return null;
  const min = Number(src.slice(pos + 1, a));
  if (src[a] === '}') return { min, max: min, end: a + 1 };
  if (src[a] !== ',') return null;
  const b = digits(a + 1);
  if (src[b] !== '}') return null;
  return { min, max: b === a + 1 ? Infinity : Number(src.slice(a + 1, b)), end: b + 1 };
}

/**
 * Braces that PCRE2 10.42 (Debian 12, HAProxy 2.6) reads as literal text but 10.43+ (Debian 13, HAProxy 3.0) as
 * a quantifier: `{,m}` and spaces inside (`{ 2 }`, `{1, 3}`). lbtop cannot tell which PCRE2 an LB has, so such a
 * pattern is refused (unknown) rather than answered for one of the two.
 */
const BRACES_1043 = /\{[ \t]*(\d*)[ \t]*(?:,[ \t]*(\d*)[ \t]*)?\}/y;
function bracesOnlyFrom1043(src: string, pos: number): boolean {
  BRACES_1043.lastIndex = pos;
  const m = BRACES_1043.exec(src);
  return m !== null && (m[1] !== '' || (m[2] ?? '') !== '') && braces(src, pos) === null;
}

class Reader {
  readonly c: Cursor;
  groups = 0;
  icase: boolean;
  dotall = false;

  constructor(src: string, icase: boolean) {
    this.c = { src, pos: 0 };
    this.icase = icase;
  }

  alternation(): Node {
    const alts = [this.sequence()];
    while (this.c.src[this.c.pos] === '|') {
      this.c.pos++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  sequence(): Node {
    const items: Node[] = [];
    const { c } = this;
    for (;;) {
      const ch = c.src[c.pos];
      if (ch === undefined || ch === '|' || ch === ')') break;
      if (ch === '\\' && c.src[c.pos + 1] === 'Q') {
        const end = c.src.indexOf('\\E', c.pos + 2);
        const text = c.src.slice(c.pos + 2, end < 0 ? undefined : end);
        c.pos = end < 0 ? c.src.length : end + 2;
        if (text === '' && this.quantifierAhead()) throw new Unsupported('a quantifier after an empty \\Q\\E');
        for (const b of text) {
          if (b.charCodeAt(0) > 0x7f) throw new Unsupported('a non-ASCII character in the pattern');
          items.push(literal(b.charCodeAt(0), this.icase));
        }
      } else if (ch === '\\' && c.src[c.pos + 1] === 'E') {
        c.pos += 2; // PCRE ignores a \E that ends no \Q
        if (this.quantifierAhead()) throw new Unsupported('a quantifier after \\E');
        continue;
      } else {
        const atom = this.atom();
        if (atom === null) continue; // an option setting such as (?i)
        items.push(atom);
      }
      if (this.quantifierAhead()) {
        const last = items.pop();
        if (last === undefined) throw new Unsupported('a quantifier with nothing to repeat (PCRE2 rejects it)');
        items.push(this.quantified(last));
      }
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantifierAhead(): boolean {
    const ch = this.c.src[this.c.pos];
    return ch === '*' || ch === '+' || ch === '?' || braces(this.c.src, this.c.pos) !== null;
  }

  private quantified(body: Node): Node {
    const { c } = this;
    if (body.t === 'assert') throw new Unsupported('a quantifier on an assertion');
    let min: number;
    let max: number;
    const ch = c.src[c.pos]!;
    if (ch === '{') {
      const b = braces(c.src, c.pos)!;
      ({ min, max } = b);
      if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) throw new Unsupported('a repeat count above 65535 (PCRE2 rejects it)');
      if (max < min) throw new Unsupported('a repeat count out of order (PCRE2 rejects it)');
      c.pos = b.end;
    } else {
      min = ch === '+' ? 1 : 0;
      max = ch === '?' ? 1 : Infinity;
      c.pos++;
    }
    let greedy = true;
    if (c.src[c.pos] === '?') {
      greedy = false;
      c.pos++;
    } else if (c.src[c.pos] === '+') {
      throw new Unsupported('a possessive quantifier');
    }
    if (this.quantifierAhead()) throw new Unsupported('a quantifier after a quantifier');
    return { t: 'repeat', body, min, max, greedy };
  }

  /** One atom, or null for an option setting that matches nothing. */
  private atom(): Node | null {
    const { c } = this;
    const ch = c.src[c.pos]!;
    c.pos++;
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        return { t: 'set', bytes: bracket(c, this.icase) };
      case '.':
        return { t: 'set', bytes: this.dotall ? ANY : ANY_BUT_LF };
      case '^':
        return { t: 'assert', kind: 'bol' };
      case '$':
        return { t: 'assert', kind: 'end' };
      case '*':
      case '+':
      case '?':
        throw new Unsupported('a quantifier with nothing to repeat (PCRE2 rejects it)');
      case '\\': {
        const e = escape(c, false);
        if (typeof e === 'string') return { t: 'assert', kind: e };
        return typeof e === 'number' ? literal(e, this.icase) : { t: 'set', bytes: e };
      }
      default:
        if (ch.charCodeAt(0) > 0x7f) throw new Unsupported('a non-ASCII character in the pattern');
        if (ch === '{' && braces(c.src, c.pos - 1) !== null) throw new Unsupported('a quantifier with nothing to repeat (PCRE2 rejects it)');
        if (ch === '{' && bracesOnlyFrom1043(c.src, c.pos - 1)) {
          throw new Unsupported('`{,m}` or spaces in braces: literal text up to PCRE2 10.42 (HAProxy 2.6 on Debian 12), a quantifier from PCRE2 10.43 (HAProxy 3.0 on Debian 13)');
        }
        return literal(ch.charCodeAt(0), this.icase);
    }
  }

  private group(): Node | null {
    const { c } = this;
    const saved = { icase: this.icase, dotall: this.dotall };
    let capture: number | null = null;
    const rest = c.src.slice(c.pos, c.pos + 64);
    const named = /^\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
    const options = /^\?([ims]*)(?:-([ims]*))?([:)])/.exec(rest);
    if (rest.startsWith('*')) throw new Unsupported('a backtracking verb or option (*...)');
    if (!rest.startsWith('?')) {
      capture = ++this.groups;
    } else if (named) {
      capture = ++this.groups;
      c.pos += named[0].length;
    } else if (options) {
      c.pos += options[0].length;
      for (const f of options[1]!) this.set(f, true);
      for (const f of options[2] ?? '') this.set(f, false);
      if (options[3] === ')') return null; // (?i): for the rest of the enclosing group
    } else {
      throw new Unsupported(`"(${rest.slice(0, 3)}" (${groupKind(rest)}) is not evaluated by lbtop`);
    }
    const body = this.alternation();
    if (c.src[c.pos] !== ')') throw new Unsupported('a group without its closing ) (PCRE2 rejects it)');
    c.pos++;
    this.icase = saved.icase;
    this.dotall = saved.dotall;
    return { t: 'group', body, capture };
  }

  private set(flag: string, on: boolean): void {
    if (flag === 'i') this.icase = on;
    if (flag === 's') this.dotall = on;
    // m: ^ and $ at line feeds, and the subject never holds one.
  }
}

function groupKind(rest: string): string {
  if (/^\?<?[=!]/.test(rest)) return 'lookaround';
  if (rest.startsWith('?>')) return 'an atomic group';
  if (rest.startsWith('?|')) return 'a branch reset';
  if (rest.startsWith('?#')) return 'a comment';
  if (/^\?(?:R|[-+]?\d|&|P>)/.test(rest)) return 'recursion';
  if (rest.startsWith('?P=')) return 'a backreference';
  if (rest.startsWith('?(')) return 'a conditional';
  if (rest.startsWith('?C')) return 'a callout';
  return 'an option or group kind lbtop does not read';
}

function canBeEmpty(node: Node): boolean {
  switch (node.t) {
    case 'set':
      return false;
    case 'assert':
      return true;
    case 'seq':
      return node.items.every(canBeEmpty);
    case 'alt':
      return node.alts.some(canBeEmpty);
    case 'group':
      return canBeEmpty(node.body);
    case 'repeat':
      return node.min === 0 || canBeEmpty(node.body);
  }
}

function hasEmptyLoop(node: Node): boolean {
  switch (node.t) {
    case 'seq':
      return node.items.some(hasEmptyLoop);
    case 'alt':
      return node.alts.some(hasEmptyLoop);
    case 'group':
      return hasEmptyLoop(node.body);
    case 'repeat':
      return canBeEmpty(node.body) || hasEmptyLoop(node.body);
    default:
      return false;
  }
}

/** Reads a PCRE2 pattern; throws Unsupported with the reason for anything lbtop cannot evaluate exactly. */
export function parsePcre(src: string, icase: boolean): Parsed {
  const reader = new Reader(src, icase);
  const root = reader.alternation();
  if (reader.c.pos < src.length) throw new Unsupported('an unmatched ) (PCRE2 rejects it)');
  return { root, groups: reader.groups, emptyLoop: hasEmptyLoop(root) };
}
