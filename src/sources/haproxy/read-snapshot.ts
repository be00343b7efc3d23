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
import { parseStat } from './parse-stat.js';

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
