// HAProxy's substitution of captures into a map_regm value (regex.c exp_replace): `\0`..`\9` insert a group
// (nothing when it took no part), `\xHH` a byte, `\` before anything else that character; a lone `\` at the end
// makes the converter fail. Works on bytes, as HAProxy does, and gives the text back decoded as UTF-8.
import type { Captures, Unknown } from './index.js';
import { subjectOf } from './index.js';

export function expReplace(template: string, captures: Captures): string | Unknown {
  const out = expReplaceBytes(subjectOf(template), captures);
  return typeof out === 'string' ? decodeBytes(out) : out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes (one character each) back to text, as UTF-8; unknown when a cut left them invalid. */
export function decodeBytes(bytes: string): string | Unknown {
  try {
    return utf8.decode(Uint8Array.from(bytes, (ch) => ch.charCodeAt(0)));
  } catch {
    return { unknown: 'the result cuts a UTF-8 character in two, which lbtop cannot carry as text' };
  }
}

/** exp_replace on bytes: the template and the result hold one character per byte. */
export function expReplaceBytes(src: string, captures: Captures): string | Unknown {
  const template = src;
  const { subject, spans } = captures;
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = src[++i];
    if (next === undefined) return { unknown: `the value ${JSON.stringify(template)} ends with a lone \\, which makes HAProxy's converter fail` };
    if (next >= '0' && next <= '9') {
      const g = Number(next);
      const [s, e] = [spans[2 * g] ?? -1, spans[2 * g + 1] ?? -1];
      if (s >= 0 && e >= 0) out += subject.slice(s, e);
    } else if (next === 'x') {
      const hex = src.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { unknown: `the value ${JSON.stringify(template)} has a \\x escape without two hex digits` };
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else {
      out += next;
    }
  }
  return out;
}
