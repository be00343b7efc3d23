// A runtime-API reply as bytes, for the parsers that read the same large reply every second (`show stat` at
// 10,000 servers is ~2.5 MB). Decoding it into one string, splitting that into lines and comparing them with the
// previous poll's allocated ~4 MB a read and kept the old string alive until the next one; garbage collection of
// that was the largest part of lbtop's CPU at idle. On bytes, an unchanged line costs a compare and no allocation.
import { isAscii } from 'node:buffer';
import { ParseError } from '../../model/errors.js';

const NL = 10;

/**
 * End of the reply's lines: the index just past the last non-empty line (its "\n" excluded). Throws the errors
 * replyLines (parse-info.ts) throws for the same text: an empty reply, a last line without its newline
 * (truncated), an empty line with text after it.
 */
export function contentEnd(bytes: Uint8Array): number {
  if (bytes.length === 0) throw new ParseError('empty reply', 1);
  if (bytes[bytes.length - 1] !== NL) throw new ParseError('reply ends mid-line (truncated)', countLines(bytes, bytes.length) + 1);
  let end = bytes.length - 1;
  while (end > 0 && bytes[end - 1] === NL) end--;
  const blank = end === 0 ? -1 : Buffer.from(bytes.buffer, bytes.byteOffset, end).indexOf('\n\n');
  if (blank !== -1) throw new ParseError('empty line inside the reply', countLines(bytes, blank + 1) + 1);
  return end;
}

function countLines(bytes: Uint8Array, upTo: number): number {
  let lines = 0;
  for (let i = 0; i < upTo; i++) if (bytes[i] === NL) lines++;
  return lines;
}

/** Decodes bytes[start, end): latin1 for ASCII (the one-byte string V8 builds anyway), else UTF-8. */
export function decodeRange(bytes: Buffer, start: number, end: number, ascii: boolean): string {
  return bytes.toString(ascii ? 'latin1' : 'utf8', start, end);
}

/**
 * The whole reply as text. Runtime-API text is ASCII almost always (names, numbers, states); then a latin1 slice
 * makes the one-byte string V8 would build anyway, without UTF-8 decoding 3 MB a poll. Anything else (a UTF-8
 * map value) is decoded as UTF-8.
 */
export function replyText(bytes: Buffer): string {
  return decodeRange(bytes, 0, bytes.length, isAscii(bytes));
}

/** Where the line that starts at `start` ends (its "\n"), or `end`. */
export function lineEnd(bytes: Buffer, start: number, end: number): number {
  const at = bytes.indexOf(NL, start);
  return at === -1 || at > end ? end : at;
}

/**
 * Where a CSV record that starts at `start` ends: the first "\n" outside double quotes (a quoted field may hold
 * a newline), or `end` when a quote is never closed (the caller's CSV reader then says so).
 */
export function recordEnd(bytes: Buffer, start: number, end: number): number {
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === 34 /* " */) quoted = !quoted;
    else if (c === NL && !quoted) return i;
  }
  return end;
}
