// `lbtop find TEXT`: one full poll of every LB, then the servers whose name, address or hostname holds TEXT, per
// LB (store/find-servers.ts, the same search as the TUI's `:find`). Exit 0 with matches on LBs that all answered;
// 1 without a match, or when an LB could not be read (a server it carries cannot be ruled out: it is named).
import { EXIT } from '../cli/exit-codes.js';
import type { FindInvocation } from '../cli/find-args.js';
import type { Fleet } from '../model/fleet.js';
import { findColumns } from '../present/columns/find.js';
import { textTable } from '../present/text-table.js';
import { findServers } from '../store/find-servers.js';

const LIMIT = 1000;

export function runFindCommand(invocation: FindInvocation, fleet: Fleet, out: (text: string) => void, err: (text: string) => void): number {
  const matches = findServers(fleet, invocation.text, LIMIT);
  const unread = fleet.lbs.filter((lb) => !lb.ok).map((lb) => lb.name);
  if (invocation.json) {
    out(`${JSON.stringify({ query: invocation.text, matches, unreadLbs: unread }, null, 2)}\n`);
  } else {
    if (matches.length > 0) out(`${textTable(findColumns, matches, undefined, { gap: '  ' }).join('\n')}\n`);
    else out(`no server matches "${invocation.text}" on ${fleet.lbs.length - unread.length} LB(s)\n`);
    if (matches.length === LIMIT) err(`only the first ${LIMIT} matches are listed: say more of the name or address\n`);
  }
  for (const lb of unread) err(`${lb}: not read, its servers are not searched\n`);
  return matches.length > 0 && unread.length === 0 ? EXIT.OK : EXIT.FAILED;
}
