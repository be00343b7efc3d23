// The regsub(<regex>,<subst>[,<flags>]) converter as HAProxy 2.6 runs it (sample.c sample_conv_regsub): search,
// copy what precedes the match, put exp_replace(subst) in its place, and with the `g` flag search again from the
// end of the match on the rest of the string alone, with PCRE2_NOTBOL (so `^` stops matching but `\A` does not,
// and `\b` sees no character before the new start). An empty match at the start of the rest copies one byte and
// moves on. Every round is one bounded regex run; the rounds together are bounded too.
import { execBytes, subjectOf, type Unknown } from './index.js';
import { decodeBytes, expReplaceBytes } from './replace.js';

const MAX_ROUNDS = 1000;
/** HAProxy builds the result in a trash chunk of tune.bufsize (16384): longer results are cut. */
const MAX_OUTPUT = 16_000;

export function regsub(sample: string, pattern: string, subst: string, flags: string): string | Unknown {
  const bad = /[^ig]/.exec(flags);
  if (bad) return { unknown: `regsub flag "${bad[0]}" (HAProxy accepts only i and g and refuses the config)` };
  const icase = flags.includes('i');
  const global = flags.includes('g');
  const text = subjectOf(sample);
  const template = subjectOf(subst);
  let out = '';
  let start = 0;
  for (let round = 0; ; round++) {
    if (round >= MAX_ROUNDS) return { unknown: `regsub on a ${text.length}-byte sample: more than ${MAX_ROUNDS} replacements` };
    const rest = text.slice(start);
    const found = global || round === 0 ? execBytes(pattern, icase, rest, round > 0) : null;
    if (found !== null && 'unknown' in found) return found;
    if (found === null) {
      out += rest;
      break;
    }
    const [so, eo] = [found.spans[0]!, found.spans[1]!];
    out += rest.slice(0, so);
    const replaced = expReplaceBytes(template, found);
    if (typeof replaced !== 'string') return replaced;
    out += replaced;
    if (out.length > MAX_OUTPUT) return { unknown: 'regsub result longer than HAProxy\'s buffer, which cuts it' };
    if (start >= text.length) break;
    let advance = eo;
    if (eo === 0) {
      out += rest[0];
      advance = 1;
    }
    start += advance;
  }
  return decodeBytes(out);
}

/**
 * regsub's arguments as written in the config (lbtop's sample parser splits them on commas outside parentheses),
 * unescaped as HAProxy's make_arg_list does: `\\`, `\ `, `\"`, `\'`, `\r`, `\n`, `\t`; any other backslash stays.
 * HAProxy ends an unquoted argument at the first `,` or `)` and reads quotes, so arguments holding quotes or
 * parentheses are left to HAProxy: lbtop's split of them may not be its.
 */
export function regsubArgs(raw: readonly string[]): { regex: string; subst: string; flags: string } | Unknown {
  if (raw.length < 2 || raw.length > 3) return { unknown: `regsub takes 2 or 3 arguments, not ${raw.length}` };
  if (raw.some((a) => /["'()]/.test(a))) return { unknown: 'regsub arguments with quotes or parentheses are not read by lbtop' };
  const [regex = '', subst = '', flags = ''] = raw.map(unescapeArg);
  return { regex, subst, flags };
}

const ARG_ESCAPES: Record<string, string> = { '\\': '\\', ' ': ' ', '"': '"', "'": "'", r: '\r', n: '\n', t: '\t' };

export function unescapeArg(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const next = text[i + 1];
    if (text[i] === '\\' && next !== undefined && next in ARG_ESCAPES) {
      out += ARG_ESCAPES[next];
      i++;
    } else {
      out += text[i];
    }
  }
  return out;
}
