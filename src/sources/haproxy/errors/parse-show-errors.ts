// `show errors` (HAProxy src/proxy.c cli_io_handler_show_errors and src/tools.c dump_text_line, read for 2.6 and
// 3.0; recorded in fixtures/haproxy-sessions/): HAProxy keeps the last request each frontend rejected and the last
// response each backend rejected, and prints, per capture —
//   [07/Dec/2026:14:15:54.437] frontend web (#2): invalid request
//     backend <NONE> (#-1), server <NONE> (#-1), event #0, src 127.0.0.1:59614
//     buffer starts at 0 (including 0 out), 16335 free,
//     len 49, wraps at 16336, error at position 9
//     H1 … msg state MSG_RQVER(6) …          (the mux's own lines, up to a line of two spaces)
//     00000  GET /bad path HTTP/1.1\r\n      (offset, ' ' or '+' for a wrapped line, the bytes escaped)
// Newest first: by HAProxy's event counter (one for the whole process), not by the printed clock.
import { CommandRejectedError } from '../../../model/errors.js';
import type { ErrorCapture } from '../../../model/sessions.js';

export interface ShowErrorsResult {
  /** The total HAProxy counted since it started: more than the captures shown (one is kept per proxy and side). */
  total: number | null;
  captures: ErrorCapture[];
  problems: string[];
}

const HEAD = /^\[([^\]]+)\] (frontend|backend) (\S+) \(#-?\d+\): invalid (request|response)$/;
const WHO = /^ {2}(?:backend|frontend) (\S+) \(#-?\d+\), server (\S+) \(#-?\d+\), event #(\d+), src (\S*)$/;
const DUMP = /^ {2}(\d{5,})([ +]) (.*)$/;

export function parseShowErrors(text: string): ShowErrorsResult {
  const lines = text.split('\n');
  const first = /^Total events captured on \[[^\]]*\] : (\d+)$/.exec(lines[0] ?? '');
  if (!first) throw new CommandRejectedError('show errors', text.slice(0, 500));
  const captures: ErrorCapture[] = [];
  const problems: string[] = [];
  let current: ErrorCapture | null = null;
  let inDump = false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if ((m = HEAD.exec(line))) {
      current = { when: m[1]!, event: -1, direction: m[4] as 'request' | 'response', proxy: m[3]!, peer: null, server: null, source: null, errorAt: null, parserState: null, bytes: '', lines: [] };
      captures.push(current);
      inDump = false;
    } else if (!current || (line.trim() === '' && line !== '  ')) continue;
    else if ((m = WHO.exec(line))) {
      current.peer = m[1] === '<NONE>' ? null : m[1]!;
      current.server = m[2] === '<NONE>' ? null : m[2]!;
      current.event = Number(m[3]);
      current.source = m[4] || null;
    } else if ((m = /error at position (\d+)$/.exec(line))) current.errorAt = Number(m[1]);
    else if ((m = /msg state ([^,\s]+)/.exec(line))) current.parserState = m[1]!;
    else if (line === '  ') inDump = true;
    else if (inDump && (m = DUMP.exec(line))) {
      current.lines.push({ offset: Number(m[1]), text: m[3]!, continued: m[2] === '+' });
      current.bytes += unescape(m[3]!);
    } else if (/WARNING! update detected/.test(line)) problems.push(`${current.proxy}: HAProxy says the capture changed while it was printed`);
    else if (!/^ {2}\S/.test(line)) problems.push(`line ${i + 1}: ${line.slice(0, 80)}`);
  }
  const incomplete = captures.filter((c) => c.event < 0);
  for (const c of incomplete) problems.push(`${c.proxy}: capture without its event line`);
  captures.sort((a, b) => b.event - a.event);
  return { total: Number(first[1]), captures, problems };
}

/** One byte per character (latin1), undoing dump_text_line's escapes: \r \n \t \e \\ and \xHH. */
export function unescape(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|[rnte\\])/g, (_, e: string) =>
    e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ r: '\r', n: '\n', t: '\t', e: '\x1b', '\\': '\\' } as Record<string, string>)[e]!,
  );
}

/** How wide one byte prints in the dump (`a` 1, `\r` 2, `\x01` 4): to put a mark under the error's column. */
function width(byte: string): number {
  const c = byte.charCodeAt(0);
  if ('\t\n\r\x1b\\'.includes(byte)) return 2;
  return c >= 0x20 && c < 0x7f ? 1 : 4;
}

/** The dump line holding the byte at `errorAt` and its column in that line's printed text; null when outside. */
export function errorMark(capture: ErrorCapture): { line: number; column: number } | null {
  const at = capture.errorAt;
  if (at === null) return null;
  for (let i = 0; i < capture.lines.length; i++) {
    const { offset, text } = capture.lines[i]!;
    const bytes = unescape(text);
    if (at >= offset && at < offset + bytes.length) {
      let column = 0;
      for (const byte of bytes.slice(0, at - offset)) column += width(byte);
      return { line: i, column };
    }
  }
  return null;
}

/** The dump as HAProxy printed it, with a `^` line under the byte where its parser stopped. */
export function captureWithMark(capture: ErrorCapture): { text: string; mark: boolean }[] {
  const mark = errorMark(capture);
  const out: { text: string; mark: boolean }[] = [];
  capture.lines.forEach((line, i) => {
    const head = `${String(line.offset).padStart(5, '0')}${line.continued ? '+' : ' '} `;
    out.push({ text: `${head}${line.text}`, mark: false });
    if (mark?.line === i) out.push({ text: `${' '.repeat(head.length + mark.column)}^ error at byte ${capture.errorAt}`, mark: true });
  });
  return out;
}
