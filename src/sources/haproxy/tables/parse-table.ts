// `show table` (the list) and `show table NAME [data.<type> <op> <value>] [key K]` (the entries), as HAProxy 2.6
// and 3.0 print them (fixtures/haproxy-tables/). A header "# table: NAME, type: T, size:N, used:N" opens each
// table; an entry is one line "0xPTR: key=K use=N exp=MS [shard=N] name=value …" (3.0 adds shard=). The key is
// printed with HAProxy's dump_text escapes (src/tools.c: `\ ` `\=` `\\` `\t` `\n` `\r` `\e` `\xHH`), so it never
// holds a bare space, and the values are split on spaces. Errors HAProxy answers with ("No such table",
// "Filter entry #1: …") are CommandRejectedError; a line that is neither is a ParseError with its number.
import { CommandRejectedError, ParseError } from '../../../model/errors.js';
import type { StickDatum, StickEntry, StickTableDump, StickTableInfo } from '../../../model/tables.js';

const HEADER = /^# table: (\S+), type: (\S+), size:(\d+), used:(\d+)$/;
const HIDDEN = '# contents not dumped due to insufficient privileges';
const REJECTED = /^(No such table|Filter entry|Detected extra data|Unknown command|Permission denied|Key value expected|Invalid key|Data type not stored|Require a valid|content-based lookup|Unknown action|Optional argument|Table type not supported|Unable to)/;

function lines(reply: string): string[] {
  const all = reply.split('\n');
  while (all.length && all[all.length - 1] === '') all.pop();
  return all;
}

function rejectIfError(command: string, reply: string): void {
  if (REJECTED.test(reply.trimStart())) throw new CommandRejectedError(command, reply);
}

function header(line: string, at: number): StickTableInfo {
  const m = HEADER.exec(line);
  if (!m) throw new ParseError(`expected "# table: NAME, type: T, size:N, used:N", got ${JSON.stringify(line.slice(0, 80))}`, at);
  return { name: m[1]!, type: m[2]!, size: Number(m[3]), used: Number(m[4]) };
}

export function parseTableList(reply: string): StickTableInfo[] {
  rejectIfError('show table', reply);
  return lines(reply).map((line, i) => header(line, i + 1));
}

/** HAProxy's dump_text escapes undone: the key as the table holds it (and as `clear table … key` wants it). */
export function unescapeKey(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, c: string) => {
    if (c.length === 3) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ t: '\t', n: '\n', r: '\r', e: '\x1b' } as Record<string, string>)[c] ?? c;
  });
}

/** The key token: up to the first space not escaped by a backslash. */
function keyToken(text: string): string {
  let i = 0;
  while (i < text.length && text[i] !== ' ') i += text[i] === '\\' ? 2 : 1;
  return text.slice(0, Math.min(i, text.length));
}

function datum(token: string, at: number): StickDatum {
  const eq = token.indexOf('=');
  if (eq <= 0) throw new ParseError(`expected name=value, got ${JSON.stringify(token.slice(0, 40))}`, at);
  const column = token.slice(0, eq);
  const raw = token.slice(eq + 1);
  const m = /^([a-z][a-z0-9_]*)(?:\((\d+)\))?$/.exec(column);
  if (!m) throw new ParseError(`unexpected data column ${JSON.stringify(column.slice(0, 40))}`, at);
  return { column, name: m[1]!, period: m[2] === undefined ? null : Number(m[2]), value: /^-?\d+$/.test(raw) ? Number(raw) : raw };
}

export function parseEntry(line: string, at: number): StickEntry {
  const m = /^0x[0-9a-f]+: key=/.exec(line);
  if (!m) throw new ParseError(`expected an entry "0x…: key=…", got ${JSON.stringify(line.slice(0, 80))}`, at);
  const rest = line.slice(m[0].length);
  const key = keyToken(rest);
  const tokens = rest.slice(key.length).split(' ').filter((t) => t !== '');
  const entry: StickEntry = { key: unescapeKey(key), use: NaN, expMs: NaN, data: [] };
  for (const token of tokens) {
    const d = datum(token, at);
    if (d.column === 'use' && Number.isNaN(entry.use) && typeof d.value === 'number') entry.use = d.value;
    else if (d.column === 'exp' && Number.isNaN(entry.expMs) && typeof d.value === 'number') entry.expMs = d.value;
    else if (d.column === 'shard' && entry.data.length === 0) continue;
    else entry.data.push(d);
  }
  if (Number.isNaN(entry.use) || Number.isNaN(entry.expMs)) throw new ParseError('entry without use= or exp=', at);
  return entry;
}

/**
 * One table's reply. Null when HAProxy answered nothing at all: `show table NAME key K` for a key the table does
 * not hold prints no header (2.6 and 3.0 alike).
 */
export function parseTableDump(reply: string, command = 'show table'): StickTableDump | null {
  rejectIfError(command, reply);
  const all = lines(reply);
  if (all.length === 0) return null;
  const dump: StickTableDump = { table: header(all[0]!, 1), entries: [], hidden: false };
  for (let i = 1; i < all.length; i++) {
    const line = all[i]!;
    if (line === HIDDEN) dump.hidden = true;
    else if (line.startsWith('# table: ')) throw new ParseError('a second table in a one-table reply', i + 1);
    else dump.entries.push(parseEntry(line, i + 1));
  }
  return dump;
}
