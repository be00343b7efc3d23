// haproxy.cfg line tokenizer, after HAProxy's own parse_line() (src/tools.c) with the options cfgparse uses:
// words split on unquoted blanks; "double" and 'single' quotes group (no escapes inside single quotes); a
// backslash outside single quotes escapes a blank, a backslash, `#`, a quote, `$` (in double quotes), and gives
// \t \n \r \xHH; any other backslash stays as written, so regexes like `^api\.example\.net$` keep their `\.`.
// An unquoted `#` starts a comment even mid-word. `"${VAR}"` is expanded only from an env the caller gives (lbtop
// reads a config from another host, whose environment it does not know), otherwise kept as written.
import { ParseError } from '../../../model/errors.js';

export interface TokenizeOptions {
  env?: Readonly<Record<string, string>>;
}

const HEX = /^[0-9a-fA-F]{2}$/;
/**
 * `$NAME`, `${NAME}` or `${NAME-default}` at i (`close`: the first "}" at or after i, or past the end), or null. By hand: the
 * regex read every `${A-` to the next "}" again, quadratic on a run of them.
 */
export function variableAt(text: string, i: number, close: number): { name: string; fallback?: string; end: number } | null {
  const braced = text[i + 1] === '{';
  const start = braced ? i + 2 : i + 1;
  NAME.lastIndex = start;
  const name = NAME.exec(text)?.[0];
  if (name === undefined) return null;
  const after = start + name.length;
  if (!braced) return { name, end: after };
  if (text[after] === '}') return { name, end: after + 1 };
  if (text[after] === '-' && close < text.length) return { name, fallback: text.slice(after + 1, close), end: close + 1 };
  // `${` that does not close: the regex then tried `$` followed by a bare name, which "{" is not.
  return null;
}
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** Characters tokenizeLine decides on one at a time: line ends, comment, quotes, backslash, blanks, `$`. */
const SPECIAL = new Set([10, 13, 35, 34, 39, 92, 32, 9, 36]);

/** Words of one line; [] for a blank or comment line. Throws ParseError on an open quote or a bad `\x`. */
export function tokenizeLine(text: string, lineNo: number, options: TokenizeOptions = {}): string[] {
  // Blank and comment lines (most of a config) return before any state is set up.
  let first = 0;
  while (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9) first++;
  if (first === text.length || text[first] === '#' || text[first] === '\r' || text[first] === '\n') return [];
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let squote = false;
  let dquote = false;
  let i = first;
  let closeAt = -1; // the first "}" at or after i, looked for once for a run of "$"s
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') break;
    if (c === '#' && !squote && !dquote) break;
    if (c === '"' && !squote) {
      dquote = !dquote;
      inWord = true;
      i++;
    } else if (c === "'" && !dquote) {
      squote = !squote;
      inWord = true;
      i++;
    } else if (c === '\\' && !squote) {
      const [out, used] = unescape(text, i, dquote, lineNo);
      word += out;
      inWord = true;
      i += used;
    } else if ((c === ' ' || c === '\t') && !squote && !dquote) {
      end();
      while (text[i] === ' ' || text[i] === '\t') i++;
    } else if (c === '$' && dquote && options.env) {
      if (closeAt < i) closeAt = text.indexOf('}', i) >>> 0; // none: 2^32 - 1, past any line
      const m = variableAt(text, i, closeAt);
      const name = m?.name;
      if (m && name !== undefined && (name in options.env || m.fallback !== undefined)) {
        word += options.env[name] ?? m.fallback ?? '';
        i = m.end;
      } else {
        word += c;
        i++;
      }
      inWord = true;
    } else {
      // A run of characters none of the branches above looks at is added in one slice, not one by one.
      let j = i + 1;
      while (j < text.length && !SPECIAL.has(text.charCodeAt(j))) j++;
      word += text.slice(i, j);
      inWord = true;
      i = j;
    }
  }
  if (squote || dquote) throw new ParseError(`unmatched ${squote ? 'single' : 'double'} quote`, lineNo);
  // HAProxy drops an empty last word (`foo ""` is one word) but keeps an empty word between others.
  end();
  if (words.length > 0 && words[words.length - 1] === '') words.pop();
  return words;
}

function unescape(text: string, i: number, dquote: boolean, lineNo: number): [string, number] {
  const next = text[i + 1];
  switch (next) {
    case ' ':
    case '\\':
    case '#':
    case "'":
    case '"':
      return [next, 2];
    case '$':
      return dquote ? ['$', 2] : ['\\', 1];
    case 't':
      return ['\t', 2];
    case 'n':
      return ['\n', 2];
    case 'r':
      return ['\r', 2];
    case 'x': {
      const hex = text.slice(i + 2, i + 4);
      if (!HEX.test(hex)) throw new ParseError(`invalid escape \\x${hex}: two hex digits expected`, lineNo);
      return [String.fromCharCode(parseInt(hex, 16)), 4];
    }
    default:
      return ['\\', 1];
  }
}

/** Every non-empty line of a config, tokenized, with its 1-based number. */
export function tokenizeConfig(text: string, options: TokenizeOptions = {}): { line: number; words: string[] }[] {
  const out: { line: number; words: string[] }[] = [];
  text.split('\n').forEach((raw, index) => {
    const words = tokenizeLine(raw, index + 1, options);
    if (words.length > 0) out.push({ line: index + 1, words });
  });
  return out;
}
