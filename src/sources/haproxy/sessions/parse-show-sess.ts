// `show sess` in its two forms (HAProxy src/stream.c, read for 2.6, 3.0 and 3.2; recorded in
// fixtures/haproxy-sessions/): the short form, one line per stream —
//   0x55…f0: proto=tcpv4 src=127.0.0.1:57082 fe=web be=k8s_http_backend srv=worker1 ts=00 epoch=0 age=1s … scf=[8,80h,fd=15…] scb=[8,…] exp=0s …
// and the detailed one (`show sess all`, `show sess <id>`, 3.x's `older <age>`), a block per stream whose first
// line starts at column 0 and whose other lines are indented, holding what the short form lacks: the byte totals
// (`req=… total=42)`), the server's address and the states by name. Lines that fit neither are reported, not
// guessed at; a reply with no session line at all is HAProxy saying no (Permission denied, Session not found).
import { CommandRejectedError } from '../../../model/errors.js';
import type { HaproxySession } from '../../../model/sessions.js';
import { parseHumanTime } from './human-time.js';

export interface ShowSessResult {
  sessions: HaproxySession[];
  /** "line 4: …": lines that were neither a session nor part of one (a cut or changed reply). */
  problems: string[];
}

// The stream interface / stream connector states, in enum order (cs_state 2.6, sc_state 3.x): scf=[8,…] is EST.
const STATES = ['INI', 'REQ', 'QUE', 'TAR', 'ASS', 'CON', 'CER', 'RDY', 'EST', 'DIS', 'CLO'];
const SHORT = /^(0x[0-9a-f]+): proto=\S+ /;
const LONG = /^(0x[0-9a-f]+): \[[^\]]*\] id=\d+ proto=/;

export function parseShowSess(text: string, command = 'show sess'): ShowSessResult {
  const lines = text.split('\n');
  const sessions: HaproxySession[] = [];
  const problems: string[] = [];
  let current: HaproxySession | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (LONG.test(line)) sessions.push((current = headOfBlock(line)));
    else if (SHORT.test(line)) {
      current = null;
      sessions.push(shortLine(line));
    } else if (current && /^\s/.test(line)) blockLine(current, line);
    else problems.push(`line ${i + 1}: ${line.slice(0, 80)}`);
  }
  if (sessions.length === 0 && problems.length > 0) throw new CommandRejectedError(command, text.slice(0, 500));
  return { sessions, problems };
}

/** The short form's `key=value` words; rq[…]/rp[…]/scf=[…] hold commas, never spaces. */
function words(line: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const word of line.split(' ').slice(1)) {
    const eq = word.indexOf('=');
    if (eq > 0 && !map.has(word.slice(0, eq))) map.set(word.slice(0, eq), word.slice(eq + 1));
  }
  return map;
}

const named = (value: string | undefined): string | null => (value === undefined || /^<(none|NONE)>$/.test(value) ? null : value);
const stateOf = (side: string | undefined): string => STATES[Number(/^\[(\d+),/.exec(side ?? '')?.[1] ?? NaN)] ?? '?';

function blank(id: string): HaproxySession {
  return { id, proto: '?', client: null, frontend: '?', backend: null, server: null, ageSec: null, state: '?/?', expiresSec: null, bytesIn: null, bytesOut: null, serverAddr: null, cli: false };
}

function shortLine(line: string): HaproxySession {
  const w = words(line);
  const frontend = w.get('fe') ?? '?';
  return {
    ...blank(SHORT.exec(line)![1]!),
    proto: w.get('proto') ?? '?',
    client: w.get('src') ?? null,
    frontend,
    backend: named(w.get('be')),
    server: named(w.get('srv')),
    ageSec: parseHumanTime(w.get('age')),
    state: `${stateOf(w.get('scf'))}/${stateOf(w.get('scb'))}`,
    expiresSec: parseHumanTime(w.get('exp')),
    cli: frontend === 'GLOBAL',
  };
}

function headOfBlock(line: string): HaproxySession {
  const m = /^(0x[0-9a-f]+): \[[^\]]*\] id=\d+ proto=(\S+)(?: source=(\S+))?/.exec(line)!;
  return { ...blank(m[1]!), proto: m[2]!, client: m[3] ?? null, state: '?/?' };
}

/** One indented line of a detailed block: fills the fields it carries, ignores the rest (pointers, flags). */
function blockLine(s: HaproxySession, line: string): void {
  let m: RegExpExecArray | null;
  if ((m = /^\s+frontend=(\S+) \(id=/.exec(line))) {
    s.frontend = m[1]!;
    s.cli = m[1] === 'GLOBAL';
  } else if ((m = /^\s+backend=(\S+) \(id=/.exec(line))) s.backend = named(m[1]);
  else if ((m = /^\s+server=(\S+) \(id=-?\d+\)(?: addr=(\S+))?/.exec(line))) {
    s.server = named(m[1]);
    s.serverAddr = m[2] ?? null;
  } else if (/^\s+task=/.test(line)) {
    s.ageSec = parseHumanTime(/ age=([^)\s]+)\)/.exec(line)?.[1]);
    s.expiresSec = parseHumanTime(/ exp=([^\s)]+)/.exec(line)?.[1]);
  } else if ((m = /^\s+(scf|scb)=\S+ flags=\S+ (?:ioto=\S+ )?state=([A-Z]+)/.exec(line))) {
    const [front, back] = s.state.split('/');
    s.state = m[1] === 'scf' ? `${m[2]}/${back}` : `${front}/${m[2]}`;
  } else if ((m = /^\s+(req|res)=\S+ \(.* total=(\d+)\)/.exec(line))) {
    if (m[1] === 'req') s.bytesIn = Number(m[2]);
    else s.bytesOut = Number(m[2]);
  }
}
