// Sample fetches and converters for a traced request. Only what routing decisions read is modelled; anything
// else is "unknown" (never guessed), which makes the trace say it is uncertain instead of being wrong.
//
// Facts this relies on (HAProxy 2.6, checked by test/trace/trace-live.test.ts against the real binary):
// - `hdr(host)` / `req.hdr(host)` is the Host header exactly as sent, port included, case kept; `hdr()` splits
//   a header on commas (an ACL tries every value, a converter chain takes the last one, `hdr(x,N)` the N-th,
//   negative from the end); `fhdr()` does not split.
// - `dst_port` is the port the trace names (`HOST:PORT/PATH`), else the frontend's only bound port.
// - `path` is the URI up to `?`; `url` includes the query; `base` is Host + path.
// - `req.ssl_sni` parses a raw TLS ClientHello in the request buffer: it has a value only in a TCP-mode
//   frontend; in an HTTP frontend the buffer holds HTTP (HTX), so the fetch fails even behind `bind ... ssl`,
//   where `ssl_fc_sni` is the one that works. (From HAProxy's payload.c, which skips HTX streams; the live test
//   covers req.ssl_sni in TCP mode only, as a TLS-terminating bind needs a certificate.)
// - Converters: trace/converters.ts (strings) and trace/map-convert.ts (maps); a converter that fails ends
//   the sample (an ACL then tries the fetch's next value). Checked by trace-chains-live.test.ts on 2.6 and 3.0.
import type { SampleExpr } from '../model/haproxy-config.js';
import type { PatternTables, SampleEval, TraceRequest } from '../model/trace.js';
import { applyStringConverter, isStringConverter, type Typed } from './converters.js';
import { applyMapConverter, isMapConverter } from './map-convert.js';
import { asciiLower } from './patterns.js';

export interface SampleContext {
  request: TraceRequest;
  mode: 'http' | 'tcp';
  /** Whether the frontend terminates TLS (`bind ... ssl`). */
  ssl: boolean;
  tables: PatternTables;
  /** ACLs try every value of a multi-valued fetch; a converter chain uses the last one. */
  forAcl: boolean;
  /** The port the request reached (dst_port): the traced port, else the frontend's only bound port. */
  port?: number | { unknown: string };
  /** The LB's HAProxy version (`show info`), where a converter's result depends on it. */
  version?: string;
}

const INT_FETCHES = new Set(['dst_port']);

type Fetched = { values: string[] } | { none: string } | { unknown: string };

/**
 * hdr(NAME[,OCC]): the values of a header, split on commas (fhdr: not split). An ACL tries every value; a
 * converter chain or a name takes the last one (occurrence -1), or the OCC-th (negative: from the end).
 */
function header(ctx: SampleContext, args: readonly string[], full: boolean): Fetched {
  if (ctx.mode !== 'http') return { none: 'no HTTP headers in a TCP-mode frontend' };
  const [name, occText] = args;
  if (name === undefined || name === '') return { unknown: 'hdr() without a header name (every header) is not evaluated by lbtop' };
  const lower = asciiLower(name);
  const value = lower === 'host' ? ctx.request.host : ctx.request.headers?.[lower];
  if (value === undefined) {
    return lower === 'host' || ctx.request.headers ? { none: `the request has no ${name} header` } : { unknown: `header ${name} is not part of the traced request` };
  }
  const values = full ? [value.trim()] : value.split(',').map((v) => v.trim());
  if (occText !== undefined && occText !== '') {
    if (!/^-?\d+$/.test(occText)) return { unknown: `header occurrence ${JSON.stringify(occText)} is not an integer` };
    const occ = Number(occText);
    const at = occ > 0 ? occ - 1 : values.length + occ;
    if (occ !== 0) return at >= 0 && at < values.length ? { values: [values[at]!] } : { none: `the ${name} header has no occurrence ${occ}` };
  }
  return { values: ctx.forAcl ? values : [values[values.length - 1]!] };
}

function splitPath(request: TraceRequest): { path: string; query: string | null } {
  const url = request.path ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: null } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

function fetch(sample: SampleExpr, ctx: SampleContext): Fetched {
  const http = ctx.mode === 'http';
  const noHttp = { none: `${sample.fetch} needs an HTTP request; this frontend is in TCP mode` };
  switch (sample.fetch) {
    case 'hdr':
    case 'req.hdr':
      return header(ctx, sample.args, false);
    case 'fhdr':
    case 'req.fhdr':
      return header(ctx, sample.args, true);
    case 'dst_port':
      if (ctx.port === undefined) return { unknown: 'the port the request reaches is not known (trace HOST:PORT/PATH)' };
      return typeof ctx.port === 'number' ? { values: [String(ctx.port)] } : ctx.port;
    case 'path':
      return http ? { values: [splitPath(ctx.request).path] } : noHttp;
    case 'url':
    case 'pathq':
      return http ? { values: [ctx.request.path ?? '/'] } : noHttp;
    case 'query': {
      const { query } = splitPath(ctx.request);
      return !http ? noHttp : query === null ? { none: 'the request has no query string' } : { values: [query] };
    }
    case 'base': {
      // Without a Host header (or with an empty one) HAProxy's base is the path alone (http_fetch.c).
      if (!http) return noHttp;
      const { path } = splitPath(ctx.request);
      if (!ctx.request.host) return { values: [path] };
      return { values: [ctx.request.host + (path.startsWith('/') ? path : '')] };
    }
    case 'method':
      return http ? { values: [ctx.request.method ?? 'GET'] } : noHttp;
    case 'req.ssl_sni':
    case 'req_ssl_sni':
      if (http) return { none: 'req.ssl_sni reads a raw TLS ClientHello, which an HTTP-mode frontend never has (use ssl_fc_sni)' };
      return ctx.request.sni === undefined ? { none: 'no TLS ClientHello (no SNI given)' } : { values: [ctx.request.sni] };
    case 'req_ssl_hello_type':
    case 'req.ssl_hello_type':
      if (http) return { none: 'no raw TLS record in an HTTP-mode frontend' };
      return ctx.request.sni === undefined ? { none: 'no TLS ClientHello (no SNI given)' } : { values: ['1'] };
    case 'ssl_fc_sni':
      if (!ctx.ssl) return { none: 'ssl_fc_sni needs a `bind ... ssl` in this frontend' };
      return ctx.request.sni === undefined ? { none: 'the client sent no SNI' } : { values: [ctx.request.sni] };
    case 'ssl_fc':
      return { values: [ctx.ssl ? '1' : '0'] };
    case 'str':
      return { values: [sample.args[0] ?? ''] };
    case 'always_true':
      return { values: ['1'] };
    case 'always_false':
      return { values: ['0'] };
    default:
      return { unknown: `fetch ${sample.fetch} is not evaluated by lbtop` };
  }
}

export function evaluateSample(sample: SampleExpr, ctx: SampleContext): SampleEval {
  const out: SampleEval = { text: sample.text, values: null, lookups: [] };
  const fetched = fetch(sample, ctx);
  if ('unknown' in fetched) return { ...out, unknown: fetched.unknown };
  if ('none' in fetched) return { ...out, reason: fetched.none };
  let values: Typed[] = fetched.values.map((value) => ({ type: INT_FETCHES.has(sample.fetch) ? 'sint' : 'str', value }));
  for (const conv of sample.converters) {
    const string = isStringConverter(conv.name);
    if (!string && !isMapConverter(conv.name)) return { ...out, unknown: `converter ${conv.name} is not evaluated by lbtop` };
    const next: Typed[] = [];
    for (const input of values) {
      const outcome = string ? applyStringConverter(conv.name, conv.args, input, ctx.version) : applyMapConverter(conv.name, conv.args, input, ctx.tables, out.lookups);
      if ('unknown' in outcome) return { ...out, unknown: outcome.unknown };
      // A converter that fails ends the sample: an ACL tries the fetch's next value, a name gets nothing.
      if ('none' in outcome) {
        if (!ctx.forAcl) return { ...out, reason: outcome.none };
        out.reason = outcome.none;
        continue;
      }
      next.push(outcome.value);
    }
    if (next.length === 0) return { ...out, reason: out.reason ?? 'no value' };
    values = next;
  }
  return { ...out, values: values.map((v) => v.value) };
}
