// Sample expressions (`req.hdr(host),lower,map_dom(FILE,be_default)`), ACL keywords with a match suffix
// (`path_beg`, `hdr_dom(host)`), and log-format strings (`be_%[path,map_beg(FILE)]`) as HAProxy writes them.
import { ParseError } from '../../../model/errors.js';
import type { FormatPart, MatchMethod, SampleExpr } from '../../../model/haproxy-config.js';

/** Splits on commas outside parentheses: `a(b,c),d` → [`a(b,c)`, `d`]. */
function splitTop(text: string, line: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth < 0) throw new ParseError(`unbalanced ")" in "${text}"`, line);
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (depth !== 0) throw new ParseError(`missing ")" in "${text}"`, line);
  parts.push(current);
  return parts;
}

function call(text: string, line: number): { name: string; args: string[] } {
  const m = /^([A-Za-z0-9_.-]+)(?:\((.*)\))?$/s.exec(text);
  if (!m) throw new ParseError(`"${text}" is not a fetch or converter`, line);
  return { name: m[1]!, args: m[2] === undefined || m[2] === '' ? [] : splitTop(m[2], line) };
}

export function parseSampleExpr(text: string, line: number): SampleExpr {
  if (text === '') throw new ParseError('empty sample expression', line);
  const [first, ...rest] = splitTop(text, line);
  const fetch = call(first!, line);
  return { text, fetch: fetch.name, args: fetch.args, converters: rest.map((c) => call(c, line)) };
}

// Output types of the fetches lbtop knows, which give an ACL its default match method (acl.c: str → str,
// sint → int, ipv4/ipv6 → ip, bool → bool). Fetches outside these lists get no default: the ACL needs `-m`.
const INT_FETCHES = new Set(['req_ssl_hello_type', 'req.ssl_hello_type', 'dst_port', 'src_port', 'req.len', 'req_len', 'hdr_cnt', 'req.hdr_cnt', 'hdr_val', 'req.hdr_val', 'fe_id', 'be_id', 'nbsrv', 'req_ssl_ver', 'req.ssl_ver']);
const BOOL_FETCHES = new Set(['always_true', 'always_false', 'ssl_fc', 'ssl_c_used', 'wait_end', 'req.ssl_ec_ext']);
const IP_FETCHES = new Set(['src', 'dst', 'hdr_ip', 'req.hdr_ip']);
const STR_FETCHES = new Set(['hdr', 'req.hdr', 'fhdr', 'req.fhdr', 'path', 'url', 'base', 'query', 'method', 'req.ssl_sni', 'req_ssl_sni', 'ssl_fc_sni', 'str', 'var', 'cook', 'req.cook', 'urlp', 'url_param', 'req.ver', 'req_ver', 'ssl_fc_alpn', 'capture.req.hdr', 'http_first_req', 'pathq']);
const INT_CONVERTERS = new Set(['length', 'len', 'strcmp', 'add', 'sub', 'mul', 'div', 'mod', 'neg', 'and', 'or', 'xor', 'cpl', 'bool', 'not', 'odd', 'even', 'port_only']);
/** map_<match>_int / map_<match>_ip (map.c): their output type sets the ACL's default method like a fetch's. */
const TYPED_MAP = /^map_(?:str|beg|sub|dir|dom|end|reg|int|ip)_(int|ip)$/;

/** ACL keywords that are a fetch plus a match method (acl.c / http_fetch.c): `hdr_dom` = `hdr -m dom`. */
const SUFFIXED = /^(base|cook|req\.cook|hdr|req\.hdr|path|url|urlp|url_param|shdr|scook|ssl_fc_sni)_(beg|dir|dom|end|len|reg|sub|str)$/;

export function splitAclKeyword(keyword: string): { fetch: string; method: MatchMethod | null } {
  const m = SUFFIXED.exec(keyword);
  if (m) return { fetch: m[1]!, method: m[2] as MatchMethod };
  if (keyword === 'req_ssl_sni') return { fetch: 'req.ssl_sni', method: null };
  return { fetch: keyword, method: null };
}

export function defaultMethod(sample: SampleExpr): MatchMethod | null {
  const last = sample.converters[sample.converters.length - 1];
  const typedMap = last ? TYPED_MAP.exec(last.name) : null;
  if (typedMap) return typedMap[1] as 'int' | 'ip';
  if (last) return INT_CONVERTERS.has(last.name) ? 'int' : 'str';
  if (STR_FETCHES.has(sample.fetch)) return 'str';
  if (INT_FETCHES.has(sample.fetch)) return 'int';
  if (BOOL_FETCHES.has(sample.fetch)) return 'bool';
  if (IP_FETCHES.has(sample.fetch)) return 'ip';
  return null;
}

/** Map files a sample expression reads (`map_dom(FILE,...)`, `map(FILE)`), in order. */
export function mapFilesOf(sample: SampleExpr): string[] {
  return sample.converters.filter((c) => /^map(_|$)/.test(c.name) && c.args[0]).map((c) => c.args[0]!);
}

/** A log-format string: literal text, `%[sample]` and `%x`/`%{opts}x` variables. `%%` is a literal `%`. */
export function parseLogFormat(text: string, line: number): FormatPart[] {
  const parts: FormatPart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '%') {
      literal += c;
      i++;
      continue;
    }
    if (text[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    if (literal) parts.push({ literal });
    literal = '';
    let j = i + 1;
    if (text[j] === '{') j = text.indexOf('}', j) + 1;
    if (j === 0) throw new ParseError(`missing "}" in "${text}"`, line);
    if (text[j] === '[') {
      const close = closingBracket(text, j);
      if (close < 0) throw new ParseError(`missing "]" after "%[" in "${text}"`, line);
      parts.push({ sample: parseSampleExpr(text.slice(j + 1, close), line) });
      i = close + 1;
    } else {
      const m = /^[A-Za-z_]+/.exec(text.slice(j));
      if (!m) throw new ParseError(`"%" without a variable in "${text}"`, line);
      parts.push({ variable: m[0] });
      i = j + m[0].length;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '[') depth++;
    if (text[k] === ']' && --depth === 0) return k;
  }
  return -1;
}
