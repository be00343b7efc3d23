// `show info` → HaproxyInfo: one "Key: value" per line. Also home of the small helpers the three runtime-API
// parsers share (reply lines, strict integers, unreadable bytes), so each of them reports errors the same way.
import { ParseError } from '../../model/errors.js';
import type { HaproxyInfo } from '../../model/haproxy.js';

/**
 * The lines of one complete reply. HAProxy ends every line with "\n" and the reply with an empty line, so
 * text that does not end in "\n" was cut mid-line (truncated) and is refused rather than parsed as if whole.
 */
export function replyLines(text: string): string[] {
  if (text.length === 0) throw new ParseError('empty reply', 1);
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') throw new ParseError('reply ends mid-line (truncated)', lines.length + 1);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // The empty line ends a reply: anything after one is not part of this reply.
  const blank = lines.indexOf('');
  if (blank !== -1) throw new ParseError('empty line inside the reply', blank + 1);
  return lines;
}

/** A base-10 integer, optionally negative (lastsess is -1). "" is null: HAProxy leaves non-applicable fields empty. */
export function parseInteger(text: string | undefined, line: number, what: string): number | null {
  return text === undefined ? null : parseIntegerIn(text, 0, text.length, line, what);
}

/** parseInteger on text[start, end), so a parser can read a number in place without slicing a string for it. */
export function parseIntegerIn(text: string, start: number, end: number, line: number, what: string): number | null {
  if (start === end) return null;
  const negative = text.charCodeAt(start) === 45; /* - */
  let i = negative ? start + 1 : start;
  if (i === end) throw new ParseError(`${what}: not a number: "-"`, line);
  let value = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw new ParseError(`${what}: not a number: ${JSON.stringify(text.slice(start, end))}`, line);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** parseIntegerIn on bytes[start, end) (StatParser reads the ages of an unchanged line without decoding it). */
export function parseIntegerInBytes(bytes: Uint8Array, start: number, end: number, line: number, what: string): number | null {
  if (start === end) return null;
  const negative = bytes[start] === 45; /* - */
  let i = negative ? start + 1 : start;
  if (i === end) throw new ParseError(`${what}: not a number: "-"`, line);
  let value = 0;
  for (; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) throw new ParseError(`${what}: not a number: ${JSON.stringify(Buffer.from(bytes.subarray(start, end)).toString('latin1'))}`, line);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** Like parseInteger, for fields that are always present. */
export function requireInteger(text: string | undefined, line: number, what: string): number {
  const value = parseInteger(text, line, what);
  if (value === null) throw new ParseError(`${what}: missing`, line);
  return value;
}

/**
 * Names and statuses are plain ASCII in HAProxy's output; a control character or U+FFFD (what the UTF-8 decoder
 * makes of invalid bytes) means the bytes were damaged on the way, and a damaged name must not become a "new"
 * server on screen.
 */
export function checkReadable(text: string, line: number, what: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127 || c === 0xfffd) {
      throw new ParseError(`${what}: unreadable byte 0x${c.toString(16).padStart(2, '0')}`, line);
    }
  }
  return text;
}

export function parseInfo(text: string): HaproxyInfo {
  const lines = replyLines(text);
  const raw: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  lines.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new ParseError(`expected "Key: value", got ${JSON.stringify(entry.slice(0, 40))}`, index + 1);
    const key = checkReadable(entry.slice(0, colon), index + 1, 'key');
    raw[key] = entry.slice(colon + 1).trimStart();
    lineOf[key] = index + 1;
  });
  // Every HAProxy since 1.3 starts `show info` with Name and Version; without them this is some other text.
  if (raw.Name === undefined || raw.Version === undefined) {
    throw new ParseError('not a `show info` reply (no Name or Version)', 1);
  }
  const int = (key: string) => parseInteger(raw[key], lineOf[key] ?? 1, key);
  return {
    name: raw.Name,
    version: checkReadable(raw.Version, lineOf.Version ?? 1, 'Version'),
    releaseDate: raw.Release_date ?? '',
    pid: int('Pid'),
    uptimeSec: int('Uptime_sec'),
    currConns: int('CurrConns'),
    maxConn: int('Maxconn'),
    node: raw.node ?? '',
    raw,
  };
}
