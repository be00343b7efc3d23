// `show protocols` and `show protocols all [NAME]`, BIRD 2.x and 1.6 (fixtures/bird/). Rows are split on
// whitespace, not on the header's columns: a name longer than its column ("static_pods Static") shifts the rest.
import { ParseError } from '../../model/errors.js';
import type {
  BirdBgpSession, BirdChannel, BirdProtocol, BirdProtocolDetail, BirdProtocolState,
} from '../../model/failover.js';
import { decodeBirdReply, indentOf, type BirdLine, type BirdReplyForm } from './reply.js';

const STATES: readonly BirdProtocolState[] = ['up', 'down', 'start', 'stop', 'flush'];
const HEADER = /^name\s+proto\s+table\s+state\s+since\s+info\s*$/i;

export function parseProtocolRow(text: string, line: number): BirdProtocol {
  const t = text.trim().split(/\s+/);
  if (t.length < 5) throw new ParseError(`not a protocol row: "${text.trim().slice(0, 80)}"`, line);
  const [name, proto, table, stateText] = t as [string, string, string, string];
  const state = STATES.find((s) => s === stateText);
  if (!state) throw new ParseError(`protocol ${name}: unknown state "${stateText}"`, line);
  // `timeformat protocol iso long` prints "2026-11-23 12:23:17": two words for one column.
  const dated = /^\d{4}-\d{2}-\d{2}$/.test(t[4] as string) && /^\d{1,2}:\d{2}/.test(t[5] ?? '');
  return {
    name,
    proto,
    table: table === '---' ? null : table,
    state,
    since: dated ? `${t[4]} ${t[5]}` : (t[4] as string),
    info: t.slice(dated ? 6 : 5).join(' '),
  };
}

/** The header line, then the rest; a reply without the header is not a protocols listing. */
function afterHeader(lines: BirdLine[]): BirdLine[] {
  const [first, ...rest] = lines;
  if (!first) throw new ParseError('empty reply: no "name proto table state since info" header', 1);
  if (!HEADER.test(first.text.trim())) {
    const got = first.text.trim().slice(0, 80);
    throw new ParseError(`expected the "name proto table state since info" header, got "${got}"`, first.line);
  }
  return rest;
}

export function parseBirdProtocols(
  text: string,
  form?: BirdReplyForm,
): { version: string | null; protocols: BirdProtocol[] } {
  const reply = decodeBirdReply(text, form);
  return { version: reply.version, protocols: afterHeader(reply.lines).map((l) => parseProtocolRow(l.text, l.line)) };
}

function int(value: string, key: string, line: number): number {
  if (!/^\d+$/.test(value)) throw new ParseError(`${key}: "${value}" is not a number`, line);
  return Number(value);
}

/** "2 imported, 1 filtered, 0 exported, 2 preferred" (filtered only when non-zero in some versions). */
function routes(value: string, line: number): NonNullable<BirdChannel['routes']> {
  const counts: Record<string, number> = {};
  // (?<!\d): a match starts where a number starts. Without it every digit of a long number was a new start that
  // read the rest of the number again (quadratic); the matches are the same.
  for (const m of value.matchAll(/(?<!\d)(\d+) (imported|filtered|exported|preferred)/g)) counts[m[2] as string] = Number(m[1]);
  if (counts['imported'] === undefined) throw new ParseError(`Routes: cannot read "${value}"`, line);
  return {
    imported: counts['imported'],
    filtered: counts['filtered'] ?? 0,
    exported: counts['exported'] ?? 0,
    preferred: counts['preferred'] ?? 0,
  };
}

function newChannel(name: string | null, table: string | null): BirdChannel {
  return { name, state: null, table, preference: null, importFilter: null, exportFilter: null, routes: null };
}

function setChannel(ch: BirdChannel, key: string, value: string, line: number): void {
  if (key === 'State') ch.state = value;
  else if (key === 'Table') ch.table = value;
  else if (key === 'Preference') ch.preference = int(value, key, line);
  else if (key === 'Input filter') ch.importFilter = value;
  else if (key === 'Output filter') ch.exportFilter = value;
  else if (key === 'Routes') ch.routes = routes(value, line);
}

function setBgp(bgp: BirdBgpSession, key: string, value: string, line: number): void {
  if (key === 'Neighbor address') bgp.neighborAddress = value;
  else if (key === 'Neighbor AS') bgp.neighborAs = int(value, key, line);
  else if (key === 'Local AS') bgp.localAs = int(value, key, line);
  else if (key === 'Neighbor ID') bgp.neighborId = value;
  else if (key === 'Source address') bgp.sourceAddress = value;
  else if (key === 'Last error') bgp.lastError = value;
}

/**
 * Detail lines are indented: 2 spaces for sections ("BGP state:", "Channel ipv4"; in 1.6 also the channel keys
 * themselves), 4 for their keys, deeper for capabilities and statistics, which lbtop does not show.
 */
export function parseBirdProtocolsAll(text: string, form?: BirdReplyForm): BirdProtocolDetail[] {
  const out: BirdProtocolDetail[] = [];
  let current: BirdProtocolDetail | null = null;
  let context: 'bgp' | 'channel' | 'other' = 'other';
  for (const { text: body, line } of afterHeader(decodeBirdReply(text, form).lines)) {
    const indent = indentOf(body);
    if (indent === 0) {
      current = { protocol: parseProtocolRow(body, line), bgp: null, channels: [] };
      out.push(current);
      context = 'other';
      continue;
    }
    if (!current) throw new ParseError('detail line before any protocol row', line);
    const trimmed = body.trim();
    const colon = trimmed.indexOf(':');
    const key = colon < 0 ? trimmed : trimmed.slice(0, colon);
    const value = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
    if (indent <= 2) {
      const channel = /^Channel (\S+)$/.exec(trimmed);
      if (channel) {
        current.channels.push(newChannel(channel[1] ?? null, null));
        context = 'channel';
      } else if (key === 'BGP state') {
        current.bgp = {
          state: value, neighborAddress: null, neighborAs: null, localAs: null,
          neighborId: null, sourceAddress: null, lastError: null,
        };
        context = 'bgp';
      } else if (['Preference', 'Input filter', 'Output filter', 'Routes'].includes(key)) {
        // BIRD 1.x: one implicit channel, its keys directly under the protocol.
        if (current.channels.length === 0) current.channels.push(newChannel(null, current.protocol.table));
        setChannel(current.channels[0] as BirdChannel, key, value, line);
        context = 'other';
      } else {
        context = 'other';
      }
    } else if (indent <= 4 && colon > 0) {
      if (context === 'bgp' && current.bgp) setBgp(current.bgp, key, value, line);
      if (context === 'channel') setChannel(current.channels[current.channels.length - 1] as BirdChannel, key, value, line);
    }
  }
  return out;
}
