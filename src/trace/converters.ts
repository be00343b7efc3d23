// HAProxy's string converters for a traced request, as sample.c runs them (2.6 and 3.0 read alike unless said):
//   lower, upper        ASCII letters only;
//   field(n,delims[,k]) fields between single delimiters (empty ones count); n < 0 counts from the end; k fields
//                       from the n-th (k <= 0: to the end). A field past the last FAILS: the sample has no value;
//   word(n,delims[,k])  the same over runs of delimiters (empty words skipped). A word past the last gives ""
//                       in 2.6.12 (checked on the binary) but no value from 2.9 on (fix 1dcc6a8a9, backported to
//                       older branches at releases lbtop does not know): that case needs the LB's version;
//   ltrim(c), rtrim(c)  strip any of the characters c from one end;
//   bytes(off[,len])    the bytes from off, at most len; off past the end gives "" (2.6 and 3.0's final sample);
//   concat(a[,var[,b]]) appends a, the variable, b; lbtop traces no variables, so a named one is unknown;
//   host_only, port_only  (upstream 2.7+, and Debian's 2.6.12 has them; a version without them refuses the
//                       config, so a running config that uses them runs on one that has them):
//                       the Host without its port, lowercased / the port after the last ":" outside [], 0 if none;
//   regsub              trace/pcre/regsub.ts.
// They work on bytes: a sample or argument outside ASCII is unknown, where bytes and JS characters part ways.
import { pick, wordMissing } from './field-word.js';
import { regsub, regsubArgs, unescapeArg } from './pcre/regsub.js';

export type SmpType = 'str' | 'sint' | 'bin';
export interface Typed {
  type: SmpType;
  value: string;
}
export type ConvOutcome = { value: Typed } | { none: string } | { unknown: string };

const STRING_CONVERTERS = new Set(['lower', 'upper', 'field', 'word', 'ltrim', 'rtrim', 'bytes', 'concat', 'host_only', 'port_only', 'regsub']);

export function isStringConverter(name: string): boolean {
  return STRING_CONVERTERS.has(name);
}

function args(raw: readonly string[], name: string, min: number, max: number): string[] | { unknown: string } {
  if (raw.length < min || raw.length > max) return { unknown: `${name} takes ${min === max ? min : `${min} to ${max}`} arguments, not ${raw.length}` };
  // HAProxy reads quotes inside converter arguments; lbtop's split on commas may not be its split then.
  if (raw.some((a) => /["'()]/.test(a))) return { unknown: `${name} arguments with quotes or parentheses are not read by lbtop` };
  const out = raw.map(unescapeArg);
  if (out.some((a) => /[^\x00-\x7f]/.test(a))) return { unknown: `${name} with a non-ASCII argument: lbtop works on characters, HAProxy on bytes` };
  return out;
}

function integer(text: string | undefined, name: string): number | { unknown: string } {
  if (text === undefined || !/^[-+]?\d+$/.test(text)) return { unknown: `${name}: ${JSON.stringify(text ?? '')} is not an integer (a variable, or a config HAProxy refuses)` };
  return Number(text);
}

export function applyStringConverter(name: string, raw: readonly string[], input: Typed, version?: string): ConvOutcome {
  if (input.type === 'sint' && name === 'bytes') return { unknown: 'bytes on an integer (its 8-byte binary form) is not evaluated by lbtop' };
  const text = input.value;
  if (/[^\x00-\x7f]/.test(text) && name !== 'lower' && name !== 'upper' && name !== 'regsub') {
    return { unknown: `${name} on a non-ASCII sample: lbtop works on characters, HAProxy on bytes` };
  }
  const str = (value: string): ConvOutcome => ({ value: { type: 'str', value } });
  const call = `${name}(${raw.join(',')})`;
  if (name === 'lower') return str(text.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  if (name === 'upper') return str(text.replace(/[a-z]/g, (c) => c.toUpperCase()));
  if (name === 'regsub') {
    const a = regsubArgs(raw);
    if ('unknown' in a) return a;
    const out = regsub(text, a.regex, a.subst, a.flags);
    return typeof out === 'string' ? str(out) : out;
  }
  if (name === 'host_only' || name === 'port_only') {
    const at = Math.max(text.lastIndexOf(':'), text.lastIndexOf(']'));
    const colon = at >= 0 && text[at] === ':';
    if (name === 'host_only') return str((colon ? text.slice(0, at) : text).replace(/[A-Z]/g, (c) => c.toLowerCase()));
    return { value: { type: 'sint', value: String(colon ? Number(/^\d*/.exec(text.slice(at + 1))![0] || 0) : 0) } };
  }
  if (name === 'field' || name === 'word') {
    const a = args(raw, name, 2, 3);
    if (!Array.isArray(a)) return a;
    const n = integer(a[0], name);
    const k = a[2] === undefined ? 1 : integer(a[2], name);
    if (typeof n !== 'number') return n;
    if (typeof k !== 'number') return k;
    if (n === 0 || a[1] === '') return { unknown: `${call}: HAProxy refuses index 0 or an empty delimiter list` };
    const out = pick(text, a[1]!, n, k, name === 'word');
    if (out !== null) return str(out);
    return name === 'field' ? { none: `${call} finds no such field: no value` } : wordMissing(version, call);
  }
  if (name === 'ltrim' || name === 'rtrim') {
    const a = args(raw, name, 1, 1);
    if (!Array.isArray(a)) return a;
    let [from, to] = [0, text.length];
    if (name === 'ltrim') while (from < to && a[0]!.includes(text[from]!)) from++;
    else while (to > from && a[0]!.includes(text[to - 1]!)) to--;
    return str(text.slice(from, to));
  }
  if (name === 'bytes') {
    const a = args(raw, name, 1, 2);
    if (!Array.isArray(a)) return a;
    const off = integer(a[0], name);
    const len = a[1] === undefined ? undefined : integer(a[1], name);
    if (typeof off !== 'number') return off;
    if (typeof len === 'object') return len;
    if (off < 0 || (len ?? 0) < 0) return { unknown: `${call}: a negative offset or length differs between versions` };
    // Binary output; as a string (c_bin2str) it ends at the first NUL byte.
    const out = text.slice(off, len === undefined ? undefined : off + len);
    return { value: { type: 'bin', value: out.split('\0')[0]! } };
  }
  // concat
  const a = args(raw, name, 1, 3);
  if (!Array.isArray(a)) return a;
  if ((a[1] ?? '') !== '') return { unknown: `${call} appends variable ${a[1]}: lbtop does not trace variables` };
  return str(text + a[0] + (a[2] ?? ''));
}
