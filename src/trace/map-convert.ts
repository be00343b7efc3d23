// The map converters (map.c): map_<match>[_<out>](FILE[,DEFAULT]) with match str (also plain `map`), beg, sub,
// dir, dom, end, reg, regm, int, ip and output str (default), int or ip. Semantics from HAProxy 2.6/3.0:
// - the input is cast to the match's type first: int takes read_int64 of a string, ip an IPv4 address as buf2ip
//   reads it (a string that is not one makes the cast fail, and the whole sample with it: no value, not even
//   the default);
// - the matched entry's value is returned, typed at load time (`_int` values print as plain decimals);
// - no entry matches: the default if there is one, else the converter fails (no value);
// - map_regm substitutes the regex's captures into the value (`\1`...), as exp_replace does.
import type { MatchMethod } from '../model/haproxy-config.js';
import type { MapLookup, PatternTables } from '../model/trace.js';
import type { ConvOutcome, Typed } from './converters.js';
import { castIpv4, parseIpv4 } from './ip-match.js';
import { matchPatterns, readInt64 } from './patterns.js';
import { pcreExec } from './pcre/index.js';
import { expReplace } from './pcre/replace.js';

const MAP_CONVERTER = /^map(?:_(str|beg|sub|dir|dom|end|reg|regm|int|ip))?(?:_(str|int|ip))?$/;

export function isMapConverter(name: string): boolean {
  return MAP_CONVERTER.test(name);
}

/** A map's output as HAProxy prints it: `_int` values as decimals, `_ip` ones as addresses. */
function typedOutput(out: string, text: string): Typed | { unknown: string } {
  if (out === 'int') {
    // Checked at load (a map HAProxy loaded holds integers), printed without leading zeros or "+".
    if (!/^[-+]?\d+$/.test(text)) return { unknown: `${JSON.stringify(text)} is not an integer (HAProxy would have refused this map)` };
    return { type: 'sint', value: String(readInt64(text)) };
  }
  if (out === 'ip') {
    if (parseIpv4(text) === null) return { unknown: `${JSON.stringify(text)} as an address: lbtop prints IPv4 only` };
    return { type: 'str', value: text };
  }
  return { type: 'str', value: text };
}

export function applyMapConverter(name: string, args: readonly string[], input: Typed, tables: PatternTables, lookups: MapLookup[]): ConvOutcome {
  const m = MAP_CONVERTER.exec(name)!;
  const kind = m[1] ?? 'str';
  const method = (kind === 'regm' ? 'reg' : kind) as MatchMethod;
  const out = m[2] ?? 'str';
  const [file = '', fallback] = args;
  const entries = tables.get(file);
  if (!entries) return { unknown: `the contents of ${file} are not known (not in "show map")` };
  let key = input.value;
  if (method === 'int') {
    const n = readInt64(key);
    if (n === null) return { none: `${name}: an empty string is not an integer, so the sample has no value` };
    key = String(n);
  } else if (method === 'ip' && input.type === 'sint') {
    return { unknown: `${name} on an integer (c_int2ip makes an address of it) is not evaluated by lbtop` };
  } else if (method === 'ip' && castIpv4(key) === null) {
    if (/:/.test(key) && /^[0-9A-Fa-f:.]+$/.test(key)) return { unknown: `${name} on IPv6 ${JSON.stringify(key)}: lbtop matches IPv4 only` };
    return { none: `${name}: ${JSON.stringify(key)} is not an address, so the cast fails and the sample has no value` };
  }
  const outcome = matchPatterns(method, false, key, entries);
  if ('unknown' in outcome) return outcome;
  let value = outcome.hit?.value ?? '';
  if (outcome.hit && kind === 'regm') {
    const captures = pcreExec(outcome.hit.key, false, key);
    const replaced = captures === null ? { unknown: `regex ${JSON.stringify(outcome.hit.key)} found no captures on a second run` }
      : 'unknown' in captures ? captures : expReplace(value, captures);
    if (typeof replaced !== 'string') return replaced;
    value = replaced;
  }
  const hit = outcome.hit ? { key: outcome.hit.key, value, index: outcome.hit.index } : null;
  lookups.push({ converter: name, file, method, input: key, hit, usedDefault: hit ? null : (fallback ?? null) });
  const chosen = hit ? hit.value : fallback;
  if (chosen === undefined) return { none: `no entry of ${file} matches and ${name} has no default` };
  const typed = typedOutput(out, chosen);
  return 'unknown' in typed ? typed : { value: typed };
}
