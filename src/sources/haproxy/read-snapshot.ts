// One poll of one HAProxy: `show info`, `show stat`, `show servers state`, parsed into a HaproxySnapshot.
//
// HAProxy answers a refused command with a line of text on the same channel as data ("Permission denied",
// "Unknown command, but maybe ..."). Such a reply is recognised here and raised as CommandRejectedError, so
// the operator reads HAProxy's own words instead of a ParseError about a missing header.
import { CommandRejectedError } from '../../model/errors.js';
import type { HaproxySnapshot, ServerState, StatRow } from '../../model/haproxy.js';
import type { RuntimeApi } from './client.js';
import { buildCommand } from './command.js';
import { FocusedStatReader, type FocusedStatOptions } from './focused-stat.js';
import { parseInfo } from './parse-info.js';
import { parseServersState } from './parse-servers-state.js';
import { parseStat } from './parse-stat.js';
import { replyText } from './reply-bytes.js';
import { ServerStates } from './server-states.js';

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
  return rejected(command, await api.send(command));
}

/** The reply, or CommandRejectedError when it is one of HAProxy's error replies. */
function rejected(command: string, reply: string): string {
  if (isRejection(reply)) throw new CommandRejectedError(command, reply);
  return reply;
}

/** ask for the replies read every poll: bytes, so an unchanged `show stat` line never becomes a string. */
async function askBytes(api: RuntimeApi, command: string): Promise<Buffer> {
  return checkBytes(command, api.sendBytes ? await api.sendBytes(command) : Buffer.from(await api.send(command), 'utf8'));
}

function checkBytes(command: string, reply: Buffer): Buffer {
  // An error reply is one short line: only its start is decoded to recognise it.
  if (isRejection(reply.toString('latin1', 0, Math.min(reply.length, 64)))) throw new CommandRejectedError(command, replyText(reply));
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
 * `show stat` lines keep their row objects (StatParser); with a focus set (the TUI), most polls read only the
 * rows that matter (FocusedStatReader). `show servers state` (the forced/config admin bits that `show stat` lacks)
 * is re-read for the backends whose server rows changed status, weight or address (not for counters), all of it
 * every `serversEvery` polls, and after `invalidate()` (an action was applied): an admin change always shows in
 * `show stat` as MAINT/DRAIN first.
 */
export class SnapshotReader {
  private readonly stat: FocusedStatReader;
  private servers: ServerStates | null = null;
  private sinceServers = Infinity;
  private previousRows: readonly StatRow[] = [];
  private pid: number | null = null;
  /** `show stat`'s reply when it went out in the same write as `show info` (see read()). */
  private statAhead: Buffer | null = null;

  constructor(
    private readonly api: RuntimeApi,
    private readonly options: { serversEvery?: number; now?: () => number } & FocusedStatOptions = {},
  ) {
    this.stat = new FocusedStatReader((command) => {
      const ahead = this.statAhead;
      this.statAhead = null;
      return ahead && command === 'show stat' ? Promise.resolve(checkBytes(command, ahead)) : askBytes(api, command);
    }, options);
  }

  invalidate(): void {
    this.sinceServers = Infinity;
    this.stat.invalidate();
  }

  /** See FocusedStatReader.setFocus: the backends on screen, or null for every row on every poll. */
  setFocus(backends: ReadonlySet<string> | null): void {
    this.stat.setFocus(backends);
  }

  async read(): Promise<HaproxySnapshot> {
    const now = this.options.now ?? Date.now;
    const started = now();
    // A small HAProxy is read whole every poll: `show stat` goes in the same write as `show info` (one SSH packet
    // and one round trip a poll over a kept connection, 500 of them a second at seed 003's fleet size).
    let infoReply: string;
    this.statAhead = null; // a reply a failed poll left unread is not this poll's
    if (this.api.sendAll && this.stat.nextReadIsWhole()) {
      const [infoBytes, statBytes] = await this.api.sendAll(['show info', 'show stat']);
      infoReply = rejected('show info', replyText(infoBytes!));
      this.statAhead = statBytes!;
    } else infoReply = await ask(this.api, 'show info');
    const info = parseInfo(infoReply);
    // A new process (reload, restart): everything is read again, not only what its backends' rows say moved.
    if (this.pid !== null && info.pid !== this.pid) this.invalidate();
    this.pid = info.pid;
    const { rows: stats, serversPending } = await this.stat.read();
    if (serversPending) {
      const at = now();
      return { info, stats, servers: null, at, latencyMs: at - started, serversPending };
    }
    const changed = changedBackends(this.previousRows, stats);
    // sinceServers starts at Infinity: the first poll with servers reads them all. A refused command (an old
    // HAProxy, a socket level too low) is asked again only every serversEvery polls.
    if (changed === 'all' || ++this.sinceServers >= (this.options.serversEvery ?? 60)) {
      this.servers = await this.readServers(null);
      this.sinceServers = 0;
    } else if (changed.size > 0) {
      this.servers = await this.readServers(changed);
    }
    this.previousRows = stats;
    const at = now();
    return { info, stats, servers: this.servers, at, latencyMs: at - started };
  }

  /** All of `show servers state`, or only these backends' (merged into the last read); null when refused. */
  private async readServers(backends: ReadonlySet<string> | null): Promise<ServerStates | null> {
    try {
      const previous = this.servers;
      if (!backends || !previous) {
        const read = keepUnchanged(previous, parseServersState(await ask(this.api, 'show servers state')));
        return read === previous ? previous : ServerStates.of(read, previous);
      }
      // A backend whose re-read found nothing new keeps its map, and with none moved the whole read stays the
      // same object, so the diff and the fleet builder still skip it by reference.
      const replaced = new Map<string, Map<string, ServerState>>();
      const names = [...backends];
      const replies = await this.askEach(names.map((backend) => buildCommand('show', 'servers', 'state', backend)));
      replies.forEach((reply, i) => {
        const part = parseServersState(reply);
        const old = previous.backends.get(names[i]!);
        if (keepUnchanged(old ?? null, part) !== old) replaced.set(names[i]!, part);
      });
      return replaced.size === 0 ? previous : previous.with(replaced);
    } catch (error) {
      if (!(error instanceof CommandRejectedError)) throw error;
      return null;
    }
  }

  /** Several commands' replies; in one write where the client can (one round trip over SSH, not one each). */
  private async askEach(commands: readonly string[]): Promise<string[]> {
    if (!this.api.sendAll || commands.length < 2) return Promise.all(commands.map((command) => ask(this.api, command)));
    const replies = await this.api.sendAll(commands);
    return replies.map((reply, i) => rejected(commands[i]!, replyText(reply)));
  }
}

/**
 * A server's status without the check counter of a transition: "UP 2/3" (UP, going down after 2 more failed
 * checks) and "DOWN 1/2" (DOWN, going up) are still UP and DOWN in `show servers state`. With checks on every
 * server, the counters move on every poll wherever a server flaps, and a re-read of its backend's states for
 * each of those moves found nothing new (at 10,000 servers, more than 16 backends a poll: a whole re-read).
 */
function stateOfStatus(status: string): string {
  const space = status.lastIndexOf(' ');
  return space > 0 && /^\d+\/\d+$/.test(status.slice(space + 1)) ? status.slice(0, space) : status;
}

/**
 * The backends with a server whose row says its `show servers state` line may have moved: its status (every admin
 * and operational change shows there: MAINT, DRAIN, UP, DOWN; not a transition's check counter), weight or address differs from the row at the same
 * index last poll. Counters and check results are not such a change: with health checks and traffic they move on
 * most rows every poll, and re-reading (and copying) every servers state for them cost more than the poll itself.
 * 'all' when the rows moved (count, order) or more than a handful of backends changed: one full read is cheaper.
 */
function changedBackends(before: readonly StatRow[], after: readonly StatRow[]): ReadonlySet<string> | 'all' {
  const changed = new Set<string>();
  if (before === after) return changed; // a quiet poll: the same rows, handed back as they were
  if (before.length !== after.length) return 'all';
  for (let i = 0; i < after.length; i++) {
    const row = after[i]!;
    const old = before[i]!;
    if (row === old || row.kind !== 'server') continue;
    if (old.kind !== 'server' || old.proxy !== row.proxy || old.name !== row.name) return 'all';
    if ((old.status !== row.status && stateOfStatus(old.status) !== stateOfStatus(row.status)) || old.weight !== row.weight || old.addr !== row.addr) {
      changed.add(row.proxy);
      if (changed.size > 16) return 'all';
    }
  }
  return changed;
}

/**
 * The new states, with each one equal to its previous state (all but the TRANSIENT fields) replaced by that previous
 * object, so the fleet builder and the diff can skip it by reference like an unchanged stat row.
 */
function keepUnchanged(before: ReadonlyMap<string, ServerState> | null, after: Map<string, ServerState>): ReadonlyMap<string, ServerState> {
  if (!before) return after;
  let same = before.size === after.size;
  const theirs = before.keys();
  for (const [key, state] of after) {
    const old = before.get(key);
    if (old && keptAs(old, state)) after.set(key, old);
    else same = false;
    if (same && theirs.next().value !== key) same = false;
  }
  // Nothing moved: the previous map itself, so the diff and the fleet builder skip it by reference.
  return same ? before : after;
}

/**
 * Fields of a server's state that move while nothing lbtop reads here has changed: the age, and the state of the
 * health and agent checks (running or not, the running check's result, the rise/fall counter, its status code).
 * With checks every 2 s they moved on ~1,100 of 10,000 servers between two full reads (a check state flips while
 * its check runs): each one a new state, a rebuilt server and table row and a rebuilt backend, for nothing on
 * screen. lbtop reads the admin and operational states, weights and addresses here (checks come from `show stat`).
 */
const TRANSIENT = ['secondsSinceChange', 'checkStatus', 'checkResult', 'checkHealth', 'checkState', 'agentState'] as const;
type Transient = (typeof TRANSIENT)[number];
/** The other fields; the Record makes the compiler check that none is missing. */
const COMPARED = Object.keys({
  backendId: true, backend: true, serverId: true, server: true, address: true, opState: true, adminState: true,
  userWeight: true, initialWeight: true, port: true, fqdn: true,
} satisfies Record<Exclude<keyof ServerState, Transient>, true>) as Exclude<keyof ServerState, Transient>[];

/** True when `fresh` says what `old` says outside the TRANSIENT fields; `old` then takes those from it in place. */
function keptAs(old: ServerState, fresh: ServerState): boolean {
  if (old === fresh) return true;
  for (const field of COMPARED) if (old[field] !== fresh[field]) return false;
  for (const field of TRANSIENT) (old as Record<Transient, unknown>)[field] = fresh[field];
  return true;
}
