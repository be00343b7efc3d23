// Verifying `shutdown session <id>` and `shutdown sessions server <b>/<s>`: the sessions the plan meant to end are
// no longer in `show sess`. HAProxy answers the shutdown before the stream's task has run and freed it, so the
// re-read is repeated for a moment (SETTLE_MS) before a session still there is reported. A session with the same
// pointer but another client is a new stream that reused the memory, not a survivor. New sessions on the server
// (it is still in rotation) are not a failure: the ones that were there are what was asked.
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { parseShowSess } from '../sources/haproxy/sessions/parse-show-sess.js';
import type { PlannedCommand } from './types.js';

/** How long a just-shut session may still be listed: measured at well under 100 ms on 2.6 and 3.0. */
const SETTLE_MS = 2_000;

export function isSessionCommand(command: string): boolean {
  return /^shutdown sessions? /.test(command);
}

export async function verifySessionsGone(api: RuntimeApi, commands: readonly PlannedCommand[], timeoutMs?: number): Promise<string[]> {
  const wanted = commands.filter((c) => isSessionCommand(c.command)).flatMap((c) => c.sessions ?? []);
  if (wanted.length === 0) return [];
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    let left: typeof wanted;
    try {
      const now = parseShowSess(await api.send('show sess', timeoutMs)).sessions;
      left = wanted.filter((w) => now.some((s) => s.id === w.id && s.client === w.client));
    } catch (error) {
      return [`could not verify: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (left.length === 0) return [];
    if (Date.now() >= until) return [`${left.length} of ${wanted.length} sessions still open: ${left.map((s) => `${s.id} (${s.client ?? '?'})`).slice(0, 5).join(', ')}`];
    await new Promise((r) => setTimeout(r, 100));
  }
}
