// Sample fetches and converters for a traced request. Only what routing decisions read is modelled; anything
// else is "unknown" (never guessed), which makes the trace say it is uncertain instead of being wrong.
//
// Facts this relies on (HAProxy 2.6, checked by test/routing/trace-live.test.ts against the real binary):
// - `hdr(host)` / `req.hdr(host)` is the Host header exactly as sent, port included, case kept; `hdr()` splits
//   a header on commas (an ACL tries every value, a converter chain takes the last one).
// - `path` is the URI up to `?`; `url` includes the query; `base` is Host + path.
// - `req.ssl_sni` parses a raw TLS ClientHello in the request buffer: it has a value only in a TCP-mode
//   frontend; in an HTTP frontend the buffer holds HTTP (HTX), so the fetch fails even behind `bind ... ssl`,
//   where `ssl_fc_sni` is the one that works. (From HAProxy's payload.c, which skips HTX streams; the live test
//   covers req.ssl_sni in TCP mode only, as a TLS-terminating bind needs a certificate.)
// - A map converter returns the matched value, else its default, else fails (no sample).
import type { MapLookup, MatchMethod, PatternTables, SampleExpr, SampleEval, TraceRequest } from '../model/routing.js';
import { asciiLower, matchPatterns } from './patterns.js';
import { pcreExec } from './pcre/index.js';
import { regsub, regsubArgs } from './pcre/regsub.js';
import { expReplace } from './pcre/replace.js';

export interface SampleContext {
  request: TraceRequest;
  mode: 'http' | 'tcp';
  /** Whether the frontend terminates TLS (`bind ... ssl`). */
  ssl: boolean;
  tables: PatternTables;
  /** ACLs try every value of a multi-valued fetch; a converter chain uses the last one. */
  forAcl: boolean;
}

type Fetched = { values: string[] } | { none: string } | { unknown: string };

function header(ctx: SampleContext, name: string | undefined): Fetched {
  if (ctx.mode !== 'http') return { none: 'no HTTP headers in a TCP-mode frontend' };
  const lower = asciiLower(name ?? '');
  const value = lower === 'host' ? ctx.request.host : ctx.request.headers?.[lower];
  if (value === undefined) {
    return lower === 'host' || ctx.request.headers ? { none: `the request has no ${name ?? ''} header` } : { unknown: `header ${name ?? ''} is not part of the traced request` };
  }
  const values = value.split(',').map((v) => v.trim());
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
    case 'fhdr':
    case 'req.fhdr':
      return header(ctx, sample.args[0]);
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
      if (!http) return noHttp;
      if (ctx.request.host === undefined) return { none: 'base needs a Host header' };
      return { values: [ctx.request.host + splitPath(ctx.request).path] };
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

const MAP_CONVERTER = /^map(?:_(str|beg|sub|dir|dom|end|reg|regm))?(?:_(str))?$/;

export function evaluateSample(sample: SampleExpr, ctx: SampleContext): SampleEval {
  const out: SampleEval = { text: sample.text, values: null, lookups: [] };
  const fetched = fetch(sample, ctx);
  if ('unknown' in fetched) return { ...out, unknown: fetched.unknown };
  if ('none' in fetched) return { ...out, reason: fetched.none };
  let values = fetched.values;
  for (const conv of sample.converters) {
    if (conv.name === 'lower' || conv.name === 'upper') {
      values = values.map((v) => (conv.name === 'lower' ? asciiLower(v) : v.replace(/[a-z]/g, (c) => c.toUpperCase())));
      continue;
    }
    if (conv.name === 'regsub') {
      const args = regsubArgs(conv.args);
      if ('unknown' in args) return { ...out, unknown: args.unknown };
      const next: string[] = [];
      for (const value of values) {
        const result = regsub(value, args.regex, args.subst, args.flags);
        if (typeof result !== 'string') return { ...out, unknown: result.unknown };
        next.push(result);
      }
      values = next;
      continue;
    }
    const m = MAP_CONVERTER.exec(conv.name);
    if (!m) return { ...out, unknown: `converter ${conv.name} is not evaluated by lbtop` };
    const method = (m[1] === 'regm' ? 'reg' : (m[1] ?? 'str')) as MatchMethod;
    const [file = '', fallback] = conv.args;
    const entries = ctx.tables.get(file);
    if (!entries) return { ...out, unknown: `the contents of ${file} are not known (not in "show map")` };
    const next: string[] = [];
    for (const input of values) {
      const outcome = matchPatterns(method, false, input, entries);
      if ('unknown' in outcome) return { ...out, unknown: outcome.unknown };
      let value = outcome.hit?.value ?? '';
      if (outcome.hit && m[1] === 'regm') {
        // map_regm puts the regex's captures into the value (`\1`...), as HAProxy's exp_replace does.
        const captures = pcreExec(outcome.hit.key, false, input);
        const replaced = captures === null ? { unknown: `regex ${JSON.stringify(outcome.hit.key)} found no captures on a second run` }
          : 'unknown' in captures ? captures : expReplace(value, captures);
        if (typeof replaced !== 'string') return { ...out, unknown: replaced.unknown };
        value = replaced;
      }
      const hit = outcome.hit ? { key: outcome.hit.key, value, index: outcome.hit.index } : null;
      const lookup: MapLookup = { converter: conv.name, file, method, input, hit, usedDefault: hit ? null : (fallback ?? null) };
      out.lookups.push(lookup);
      if (hit) next.push(hit.value);
      else if (fallback !== undefined) next.push(fallback);
    }
    if (next.length === 0) return { ...out, reason: `no entry of ${file} matches and ${conv.name} has no default` };
    values = next;
  }
  return { ...out, values };
}
