// One poll of one HAProxy: `show info`, `show stat`, `show servers state`, parsed into a HaproxySnapshot.
//
// HAProxy answers a refused command with a line of text on the same channel as data ("Permission denied",
// "Unknown command, but maybe ..."). Such a reply is recognised here and raised as CommandRejectedError, so
// the operator reads HAProxy's own words instead of a ParseError about a missing header.
import { CommandRejectedError } from '../../model/errors.js';
import type { HaproxySnapshot, ServerState } from '../../model/haproxy.js';
import type { RuntimeApi } from './client.js';
import { parseInfo } from './parse-info.js';
import { parseServersState } from './parse-servers-state.js';
import { parseStat, StatParser } from './parse-stat.js';

/**
 * First lines of HAProxy's CLI error replies (src/cli.c and the master CLI): level too low, a command this
 * version or this socket does not have (1.x "Unknown command. Please enter...", 2.x "Unknown command, but
 * maybe..."), a master-CLI prefix naming no process, an unknown proxy or server.
 */
const REJECTIONS = [/^Permission denied/, /^Unknown command/, /^Can't find /, /^No such /, /^Access denied/];

/** True when `reply` is one of HAProxy's error replies rather than data. */
export function isRejection(reply: string): boolean {
  // The patterns are anchored with ^ (no m flag): they look at the first line only, even of a 3 MB reply.
  return REJECTIONS.some((pattern) => pattern.test(reply));
}

async function ask(api: RuntimeApi, command: string): Promise<string> {
  const reply = await api.send(command);
  if (isRejection(reply)) throw new CommandRejectedError(command, reply);
  return reply;
}

/**
 * Reads one snapshot. `show info` and `show stat` must succeed; `show servers state` may be refused (an old
 * HAProxy without the command, a socket that does not allow it) and then `servers` is null: the stat rows
 * alone still make a useful screen. Transport errors, truncated replies and ParseErrors are never swallowed.
 */
export async function readSnapshot(api: RuntimeApi, now: () => number = Date.now): Promise<HaproxySnapshot> {
  const started = now();
  const info = parseInfo(await ask(api, 'show info'));
  const stats = parseStat(await ask(api, 'show stat'));
  let servers: Map<string, ServerState> | null = null;
  try {
    servers = parseServersState(await ask(api, 'show servers state'));
  } catch (error) {
    if (!(error instanceof CommandRejectedError)) throw error;
  }
  const at = now();
  return { info, stats, servers, at, latencyMs: at - started };
}

/**
 * The poller's reader for one HAProxy: like readSnapshot, but cheap to repeat at 10,000 servers. Unchanged
 * `show stat` lines keep their row objects (StatParser), and `show servers state` (the forced/config admin bits
 * that `show stat` lacks) is re-read only when a server row changed, every `serversEvery` polls, or after
 * `invalidate()` (an action was applied): an admin change always shows in `show stat` as MAINT/DRAIN first.
 */
export class SnapshotReader {
  private readonly stat = new StatParser();
  private servers: Map<string, ServerState> | null = null;
  private sinceServers = Infinity;
  private previousRows: readonly object[] = [];

  constructor(
    private readonly api: RuntimeApi,
    private readonly options: { serversEvery?: number; now?: () => number } = {},
  ) {}

  invalidate(): void {
    this.sinceServers = Infinity;
  }

  async read(): Promise<HaproxySnapshot> {
    const now = this.options.now ?? Date.now;
    const started = now();
    const info = parseInfo(await ask(this.api, 'show info'));
    const stats = this.stat.parse(await ask(this.api, 'show stat'));
    // Re-used rows sit where they sat: a server row that is not the previous object at its index changed.
    const previous = this.previousRows;
    const serverChanged = stats.length !== previous.length || stats.some((row, i) => row.kind === 'server' && row !== previous[i]);
    if (serverChanged || ++this.sinceServers >= (this.options.serversEvery ?? 10)) {
      try {
        this.servers = keepUnchanged(this.servers, parseServersState(await ask(this.api, 'show servers state')));
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        this.servers = null;
      }
      this.sinceServers = 0;
    }
    this.previousRows = stats;
    const at = now();
    return { info, stats, servers: this.servers, at, latencyMs: at - started };
  }
}

/**
 * The new states, with each one equal to its previous state (all but the age `secondsSinceChange`) replaced by
 * that previous object, so the fleet builder and the diff can skip it by reference like an unchanged stat row.
 */
function keepUnchanged(before: Map<string, ServerState> | null, after: Map<string, ServerState>): Map<string, ServerState> {
  if (!before) return after;
  for (const [key, state] of after) {
    const old = before.get(key);
    if (old && sameExceptAge(old, state)) after.set(key, old);
  }
  return after;
}

function sameExceptAge(a: ServerState, b: ServerState): boolean {
  for (const field of Object.keys(b) as (keyof ServerState)[]) {
    if (field !== 'secondsSinceChange' && a[field] !== b[field]) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}
