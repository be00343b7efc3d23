// Reading one LB's sessions, filtered to a backend or a server, with the cheapest commands its version offers
// (HAProxy src/stream.c, cli_parse_show_sess):
//   2.6        `show sess [<id>|all]`                        — filtered here;
//   3.0, 3.1   adds `susp` and `older <age>`                 — neither selects a server: filtered here;
//   ≥ 3.2      adds `server <b/s>`, `backend <b>`, `frontend <f>` as options — HAProxy filters.
// Below 3.2 the short form is read first (a line per stream, ~300 bytes), then the detailed form for the byte
// counts only when the LB carries few enough streams that `show sess all` (~2 KB per stream, every stream of the
// LB) stays small; past that the byte counts are left unknown and the result says why.
import { CommandRejectedError } from '../../../model/errors.js';
import type { HaproxySession, SessionFilter } from '../../../model/sessions.js';
import type { RuntimeApi } from '../client.js';
import { buildCommand } from '../command.js';
import { parseShowSess } from './parse-show-sess.js';

/** Streams on an LB below which `show sess all` is read for byte counts: 2,000 × ~2 KB ≈ 4 MB at most. */
export const DETAIL_LIMIT = 2_000;

export interface LbSessions {
  sessions: HaproxySession[];
  /** The commands sent, in order (shown in the JSON output and the view's footer). */
  commands: string[];
  /** Why something is missing (byte counts not read, a filter HAProxy refused), or lines that did not parse. */
  notes: string[];
}

/** True when this HAProxy filters `show sess` by server and backend itself (3.2 and later). */
export function filtersOnServer(version: string | null): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 3 || (major === 3 && minor >= 2);
}

/** The one command a version that filters would get, or null when lbtop must filter (see the file's head). */
export function filteredShowSess(version: string | null, filter: SessionFilter): string | null {
  if (!filtersOnServer(version) || !filter.backend) return null;
  return filter.server ? buildCommand('show', 'sess', 'all', 'server', `${filter.backend}/${filter.server}`) : buildCommand('show', 'sess', 'all', 'backend', filter.backend);
}

export function matches(session: HaproxySession, filter: SessionFilter): boolean {
  if (session.cli) return false;
  if (filter.backend !== undefined && session.backend !== filter.backend) return false;
  return filter.server === undefined || session.server === filter.server;
}

export async function readSessions(api: RuntimeApi, version: string | null, filter: SessionFilter = {}): Promise<LbSessions> {
  const commands: string[] = [];
  const notes: string[] = [];
  const read = async (command: string) => {
    commands.push(command);
    const parsed = parseShowSess(await api.send(command), command);
    notes.push(...parsed.problems);
    return parsed.sessions;
  };
  const filtered = filteredShowSess(version, filter);
  if (filtered) {
    try {
      return { sessions: (await read(filtered)).filter((s) => matches(s, filter)), commands, notes };
    } catch (error) {
      // "No such server." / "No such backend.": that LB does not carry it, which is an answer, not a failure.
      if (error instanceof CommandRejectedError && /No such (server|backend)/.test(error.reply)) return { sessions: [], commands, notes: [error.reply.trim()] };
      throw error;
    }
  }
  const short = await read('show sess');
  const wanted = short.filter((s) => matches(s, filter));
  if (wanted.length === 0) return { sessions: [], commands, notes };
  if (short.length > DETAIL_LIMIT) {
    notes.push(`${short.length} streams on this LB: byte counts not read (show sess all would be ~${Math.round((short.length * 2) / 1000)} MB)`);
    return { sessions: wanted, commands, notes };
  }
  // The detailed read is newer: streams that ended in between are gone from it, new ones appear.
  return { sessions: (await read('show sess all')).filter((s) => matches(s, filter)), commands, notes };
}
