// One raw runtime-API line typed by the operator (`lbtop cli`, the CLI view). A read goes straight to HAProxy;
// anything else is a write and goes the write path's way (write-path.ts): refused read-only, audited, and when its
// reply is lost it is UNKNOWN, never FAILED. For `set server … state|weight` lbtop knows what to re-read, so an
// unknown outcome is settled from HAProxy's state like a plan's; for other commands it stays unknown.
import { checkRawCommand } from '../sources/haproxy/command.js';
import { isReadCommand } from '../sources/haproxy/read-commands.js';
import { settle, type ApplyDeps } from './apply.js';
import type { PlannedCommand } from './types.js';
import { sendWrite } from './write-path.js';

export type RawResult =
  /** HAProxy answered: its text is the verdict (an error message, "Done.", a key updated…), shown as it came. */
  | { status: 'answered'; reply: string }
  | { status: 'failed'; error: string }
  | { status: 'unknown'; error: string }
  /** The reply was lost but a re-read shows the command landed. */
  | { status: 'landed'; error: string; detail: string };

export async function runRawCommand(deps: ApplyDeps, lb: string, line: string): Promise<RawResult> {
  const command = checkRawCommand(line);
  const api = deps.clients.get(lb);
  if (!api) return { status: 'failed', error: `no LB named ${lb}` };
  if (isReadCommand(command)) {
    deps.audit.append({ lb, command, phase: 'send' });
    try {
      const reply = await api.send(command);
      deps.audit.append({ lb, command, reply, phase: 'reply' });
      return { status: 'answered', reply };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.audit.append({ lb, command, reply: message, phase: 'error' });
      return { status: 'failed', error: message };
    }
  }
  const sent = await sendWrite(deps.audit, lb, api, command);
  switch (sent.kind) {
    case 'done':
    case 'rejected':
      return { status: 'answered', reply: sent.reply };
    case 'not-sent':
      return { status: 'failed', error: sent.error };
    case 'unknown': {
      const planned = expectationOf(lb, command);
      if (!planned) return { status: 'unknown', error: sent.error };
      const seen = await settle(lb, [planned], deps);
      if (seen === null) return { status: 'landed', error: sent.error, detail: `re-read: ${planned.expect} as sent` };
      return { status: 'unknown', error: `${sent.error}; ${seen}` };
    }
  }
}

/** What `set server B/S state X` or `weight N` leaves behind, so a lost reply can be settled by a re-read. */
function expectationOf(lb: string, command: string): PlannedCommand | null {
  const m = /^set server (\S+?\/\S+) (state) (ready|drain|maint)$|^set server (\S+?\/\S+) (weight) (\d+)$/.exec(command);
  if (!m) return null;
  return m[2] ? { lb, command, expect: m[3]! } : { lb, command, expect: `weight ${m[6]}` };
}
