// BIRD's control-socket replies, in the three shapes they reach lbtop:
//   socket   raw control socket: "1002-device1 ...", continuation lines prefixed by one space, "0000 " at the end;
//   birdc -v the same codes, continuation lines padded to the code's width (five spaces);
//   birdc    codes stripped, which also strips the one reliable sign of an error.
// lbtop runs `birdc -v -s SOCKET ...` (see commands.ts): exec works the same locally and over SSH, and the codes
// tell an error reply (8xxx runtime, 9xxx syntax) from data. Plain birdc output is still read, for pasted text.
import { LbtopError, ParseError } from '../../model/errors.js';

export type BirdReplyForm = 'birdc' | 'socket';

export interface BirdLine {
  /** The reply code in force for this line; null for plain birdc output. */
  code: number | null;
  text: string;
  line: number;
}

export interface BirdReply {
  /** From the greeting "BIRD 2.0.12 ready."; null if the text had none. */
  version: string | null;
  lines: BirdLine[];
}

/** BIRD answered with an error (unknown protocol, syntax error, access denied): the command failed, not parsing. */
export class BirdCommandError extends LbtopError {
  constructor(
    readonly reply: string,
    readonly code: number | null,
    readonly line: number,
  ) {
    super(`BIRD refused the command: ${reply}`, 'check the protocol name against `show protocols`');
  }
}

const CODED = /^(\d{4})([ -])(.*)$/;
const GREETING = /^BIRD (\S+) ready\.$/;
/** Errors as plain birdc prints them (recorded from 2.0.12 and 1.6.8), for text without codes. */
const PLAIN_ERRORS = [/^syntax error\b/, /^\S+ is not a protocol$/, /^Access denied$/, /^Unknown command$/];

export function decodeBirdReply(text: string, form: BirdReplyForm = 'birdc'): BirdReply {
  const raw = text.split('\n').map((t) => t.replace(/\r$/, ''));
  const firstLine = raw.find((t) => t.trim() !== '') ?? '';
  const coded = form === 'socket' || CODED.test(firstLine);
  const pad = form === 'socket' ? 1 : 5;
  let version: string | null = null;
  let code: number | null = null;
  const lines: BirdLine[] = [];
  for (const [i, body] of raw.entries()) {
    const line = i + 1;
    let content = body;
    if (coded && body !== '') {
      const m = CODED.exec(body);
      if (m) {
        code = Number(m[1]);
        content = m[3] ?? '';
      } else if (code !== null && body.startsWith(' '.repeat(Math.min(pad, body.length)))) {
        content = body.slice(pad);
      } else {
        throw new ParseError('not a BIRD reply line (expected a 4-digit code or a continuation)', line);
      }
    }
    const greeting = GREETING.exec(content.trim());
    if (greeting && (code === 1 || (!coded && lines.length === 0 && version === null))) {
      version = greeting[1] ?? null;
      continue;
    }
    // `birdc -r` first sends `restrict`; BIRD acknowledges with "0016 Access restricted", which is not data.
    // Plain `birdc -r` prints the same acknowledgement without its code, before any data.
    if ((code === 16 || (!coded && lines.length === 0)) && content.trim() === 'Access restricted') continue;
    if (code !== null && code >= 8000) throw new BirdCommandError(content.trim(), code, line);
    if (!coded && PLAIN_ERRORS.some((re) => re.test(content.trim()))) {
      throw new BirdCommandError(content.trim(), null, line);
    }
    // "0000 " ends a reply; an empty continuation is a blank line either way.
    if (content.trim() === '') continue;
    lines.push({ code, text: content, line });
  }
  return { version, lines };
}

/** Leading spaces, tabs counted as 8 (BIRD 2 indents next hops with a tab). */
export function indentOf(text: string): number {
  let n = 0;
  for (const c of text) {
    if (c === ' ') n++;
    else if (c === '\t') n += 8;
    else break;
  }
  return n;
}
