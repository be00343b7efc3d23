// field(n,delims[,k]) and word(n,delims[,k]) as sample.c walks the bytes (sample_conv_field/_word), and what
// word() gives past the last word, which changed in 2.9 (trace/converters.ts has the summary).
import type { ConvOutcome } from './converters.js';

/**
 * field and word as sample.c walks the bytes: forwards from the start for n > 0, backwards from the end for n < 0,
 * counting fields at every delimiter (word: at every start of a run of non-delimiters). The k-th delimiter after
 * the n-th part ends the result; k <= 0 runs to the end. null when there is no n-th part.
 */
export function pick(text: string, delims: string, n: number, k: number, words: boolean): string | null {
  const sep = (i: number) => delims.includes(text[i]!);
  let count = k;
  let [start, end] = n > 0 ? [0, 0] : [text.length, text.length];
  let part = words ? 0 : n > 0 ? 1 : -1;
  let inWord = false;
  const step = n > 0 ? 1 : -1;
  for (let pos = n > 0 ? 0 : text.length - 1; pos >= 0 && pos < text.length; pos += step) {
    // The edge of the part being read: for n > 0 it starts after pos, for n < 0 it ends at pos.
    const edge = n > 0 ? pos : pos + 1;
    if (words && !inWord) {
      if (!sep(pos)) {
        if (part !== n) {
          part += step;
          if (n > 0) start = pos;
          else end = pos + 1;
        }
        inWord = true;
      }
      continue;
    }
    if (!sep(pos)) continue;
    if (part === n) {
      if (count === 1) return n > 0 ? text.slice(start, edge) : text.slice(edge, end);
      if (count > 1) count--;
    } else if (!words) {
      part += step;
      if (n > 0) start = pos + 1;
      else end = pos;
    }
    inWord = false;
  }
  if (part !== n) return null;
  return n > 0 ? text.slice(start) : text.slice(0, end);
}

/** What word() gives past the last word on this HAProxy version. */
export function wordMissing(version: string | undefined, call: string): ConvOutcome {
  const v = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version ?? '');
  const [major, minor, patch] = v ? [Number(v[1]), Number(v[2]), Number(v[3] ?? 0)] : [0, 0, 0];
  if (v && (major > 2 || (major === 2 && minor >= 9))) return { none: `${call} finds no such word: no value (HAProxy ${version})` };
  if (v && major === 2 && minor === 6 && patch <= 12) return { value: { type: 'str', value: '' } };
  const known = version ? `HAProxy ${version} is not a version lbtop knows this for` : 'the LB\'s HAProxy version is not known';
  return { unknown: `${call} finds no such word: 2.6.12 gives "", 2.9+ no value, and ${known}` };
}
