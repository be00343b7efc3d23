// The first line of a route in `show route` (routes.ts), matched by hand in linear time. It replaces the regex
//   /^(\S+)?\s+(.*?)\s*\[(\S+) ([^\]]*?)(?: from (\S+))?\]\s*(\*)?\s*\((\d+)(?:\/[^)]*)?\)(?:\s*\[[^\]]*\])?\s*$/
// and gives the same captures on every line (test/sources/bird/route-head.test.ts compares the two on random
// lines), but that regex backtracked through every way of sharing a blank run between `\s+`, `(.*?)` and `\s*`:
// 20 s for one line with 4,000 blanks. Each step below is the one choice the regex could succeed with, and every
// "where is the next X" is read from tables built once per line, so nothing is scanned twice.

export interface RouteHead {
  network: string | undefined;
  what: string;
  protocol: string;
  since: string;
  primary: boolean;
  preference: string;
  /** "[bgp1 12:00 from 10.0.0.9]": the peer the route came from, when BIRD prints it (it differs from the next hop). */
  from: string | undefined;
}

/** JavaScript's \s: what trim() removes. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** What `.` does not match. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

const CLOSE_BRACKET = 93; // ]
const CLOSE_PAREN = 41; // )

/** Per position i: the next blank, non-blank, "]" and ")" at or after i (n when none). */
let tables = new Int32Array(0);
/** Kept between lines up to this many ints (4 per character); a longer line gets tables of its own. */
const KEPT = 4 * 4096;
const kept = new Int32Array(KEPT);

function buildTables(text: string): void {
  const n = text.length;
  tables = 4 * (n + 1) <= KEPT ? kept : new Int32Array(4 * (n + 1));
  let space = n, other = n, bracket = n, paren = n;
  for (let i = n; i >= 0; i--) {
    if (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) space = i;
      else other = i;
      if (c === CLOSE_BRACKET) bracket = i;
      if (c === CLOSE_PAREN) paren = i;
    }
    tables[4 * i] = space;
    tables[4 * i + 1] = other;
    tables[4 * i + 2] = bracket;
    tables[4 * i + 3] = paren;
  }
}

const nextSpace = (i: number) => tables[4 * i]!;
const nextNonSpace = (i: number) => tables[4 * i + 1]!;
const nextBracket = (i: number) => tables[4 * i + 2]!;
const nextParen = (i: number) => tables[4 * i + 3]!;

/** `\]\s*(\*)?\s*\((\d+)(?:\/[^)]*)?\)(?:\s*\[[^\]]*\])?\s*$` from the "]" at r: the star and preference, or null. */
function tail(text: string, r: number): { primary: boolean; preference: string } | null {
  const n = text.length;
  let at = nextNonSpace(r + 1);
  const primary = text[at] === '*';
  if (primary) at = nextNonSpace(at + 1);
  if (text[at] !== '(') return null;
  let digits = at + 1;
  while (digits < n && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
  if (digits === at + 1) return null;
  let close = digits;
  if (text[digits] === '/') close = nextParen(digits + 1);
  if (close >= n || text.charCodeAt(close) !== CLOSE_PAREN) return null;
  // Blanks to the end, or blanks, one "[...]" (no "]" inside) and blanks to the end.
  const next = nextNonSpace(close + 1);
  if (next < n) {
    if (text[next] !== '[') return null;
    const end = nextBracket(next + 1);
    if (end >= n || nextNonSpace(end + 1) < n) return null;
  }
  return { primary, preference: text.slice(at + 1, digits) };
}

export function matchRouteHead(text: string): RouteHead | null {
  const n = text.length;
  buildTables(text);
  // (\S+)? then \s+: the network is the whole first word, or absent when the line starts with a blank.
  const a = n > 0 && !isSpace(text.charCodeAt(0)) ? nextSpace(0) : 0;
  if (a >= n) return null;
  // \s+ keeps every blank: (.*?) starting inside the run could only meet the same "[" later.
  const b = nextNonSpace(a);
  let limit = b;
  while (limit < n && !isLineTerminator(text.charCodeAt(limit))) limit++;
  // (" from X" candidates, in order, with the "]" their \S+ run can end on) are found once for the line.
  const froms: { at: number; close: number }[] = [];
  for (let f = text.indexOf(' from ', b); f >= 0; f = text.indexOf(' from ', f + 1)) {
    const start = f + 6;
    const end = nextSpace(start);
    for (let r = end - 1; r > start; r--) {
      if (text.charCodeAt(r) === CLOSE_BRACKET && tail(text, r)) {
        froms.push({ at: f, close: r });
        break;
      }
    }
  }
  let fromIndex = 0;
  // (.*?) ends at e: the "[" is the first non-blank at or after e, tried in order; e may not pass a line end.
  for (let e = b; e <= limit; ) {
    const q = nextNonSpace(e);
    if (q < n && text[q] === '[') {
      const head = afterBracket(text, q, froms, fromIndex);
      fromIndex = head.fromIndex;
      if (head.match) return { network: a > 0 ? text.slice(0, a) : undefined, what: text.slice(b, e), ...head.match };
    }
    e = q + 1;
  }
  return null;
}

/** `(\S+) ([^\]]*?)(?: from \S+)?\]` and the tail, from the "[" at q. */
function afterBracket(text: string, q: number, froms: { at: number; close: number }[], fromIndex: number) {
  const n = text.length;
  const protoEnd = nextSpace(q + 1);
  if (protoEnd === q + 1 || protoEnd >= n || text[protoEnd] !== ' ') return { match: null, fromIndex };
  const since = protoEnd + 1;
  const first = nextBracket(since);
  // Starts of the since field only grow from one "[" to the next, so the " from " list is walked once.
  while (fromIndex < froms.length && froms[fromIndex]!.at < since) fromIndex++;
  const protocol = text.slice(q + 1, protoEnd);
  const from = froms[fromIndex];
  if (from && from.at < first) {
    const t = tail(text, from.close)!;
    return { match: { protocol, since: text.slice(since, from.at), ...t, from: text.slice(from.at + 6, from.close) }, fromIndex };
  }
  const t = first < n ? tail(text, first) : null;
  return { match: t ? { protocol, since: text.slice(since, first), ...t, from: undefined } : null, fromIndex };
}
