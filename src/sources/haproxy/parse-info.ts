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
  checkReadableIn(text, 0, text.length, line, what);
  return text;
}

/** checkReadable on text[start, end), without slicing it out. */
function checkReadableIn(text: string, start: number, end: number, line: number, what: string): void {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127 || c === 0xfffd) {
      throw new ParseError(`${what}: unreadable byte 0x${c.toString(16).padStart(2, '0')}`, line);
    }
  }
}

/** The keys parseInfo reads into typed fields; every other key is only kept as text in `raw`. */
const TYPED = new Set(['Name', 'Version', 'Release_date', 'Pid', 'Uptime_sec', 'CurrConns', 'Maxconn', 'node', 'Stopping']);
const TYPED_LENGTHS = new Set([...TYPED].map((key) => key.length));

/**
 * One pass over the lines, the typed fields picked on the way; `raw` (every key as text) is built the first time
 * it is read. A poll reads `show info` every second from every LB, 500 of them in seed 003's fleet, and building
 * ~70 keys' object for each was a tenth of lbtop's CPU there (bench/profile-k8s.ts); nothing on a poll's path
 * reads `raw`. Every line is still checked as before: "Key: value", a readable key.
 */
export function parseInfo(text: string): HaproxyInfo {
  const end = infoEnd(text);
  const typed: Record<string, { value: string; line: number }> = {};
  let line = 0;
  for (let start = 0; start < end; line++) {
    let next = text.indexOf('\n', start);
    if (next < 0 || next > end) next = end;
    const colon = text.indexOf(':', start);
    if (colon <= start || colon > next) throw new ParseError(`expected "Key: value", got ${JSON.stringify(text.slice(start, next).slice(0, 40))}`, line + 1);
    checkReadableIn(text, start, colon, line + 1, 'key');
    // Only a key as long as a typed one is sliced (and looked up): most lines cost no allocation.
    if (TYPED_LENGTHS.has(colon - start)) {
      const key = text.slice(start, colon);
      if (TYPED.has(key)) typed[key] = { value: text.slice(colon + 1, next).trimStart(), line: line + 1 };
    }
    start = next + 1;
  }
  // Every HAProxy since 1.3 starts `show info` with Name and Version; without them this is some other text.
  if (typed.Name === undefined || typed.Version === undefined) {
    throw new ParseError('not a `show info` reply (no Name or Version)', 1);
  }
  const int = (key: string) => parseInteger(typed[key]?.value, typed[key]?.line ?? 1, key);
  const stopping = typed.Stopping?.value;
  let raw: Record<string, string> | null = null;
  return {
    name: typed.Name.value,
    version: checkReadable(typed.Version.value, typed.Version.line, 'Version'),
    releaseDate: typed.Release_date?.value ?? '',
    pid: int('Pid'),
    uptimeSec: int('Uptime_sec'),
    currConns: int('CurrConns'),
    maxConn: int('Maxconn'),
    node: typed.node?.value ?? '',
    stopping: stopping === '1' ? true : stopping === '0' ? false : null,
    get raw() {
      return (raw ??= rawKeys(text, end));
    },
  };
}

/** Where the reply's lines end (past the last line's "\n"), with the errors replyLines raises for the same text. */
function infoEnd(text: string): number {
  if (text.length === 0) throw new ParseError('empty reply', 1);
  if (!text.endsWith('\n')) throw new ParseError('reply ends mid-line (truncated)', text.split('\n').length);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  const blank = text.charCodeAt(0) === 10 ? -1 : text.indexOf('\n\n');
  if (text.charCodeAt(0) === 10 && end > 0) throw new ParseError('empty line inside the reply', 1);
  if (blank !== -1 && blank < end) throw new ParseError('empty line inside the reply', text.slice(0, blank + 1).split('\n').length);
  return end === 0 ? 0 : end + 1;
}

/** Every "Key: value" line of an already checked reply, as text. */
function rawKeys(text: string, end: number): Record<string, string> {
  const raw: Record<string, string> = {};
  for (let start = 0; start < end; ) {
    const next = text.indexOf('\n', start);
    const colon = text.indexOf(':', start);
    raw[text.slice(start, colon)] = text.slice(colon + 1, next).trimStart();
    start = next + 1;
  }
  return raw;
}
