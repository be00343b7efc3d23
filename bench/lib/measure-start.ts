// Time to first screen: from the launch command to the first capture that shows live data (a server, frontend or
// backend of the config: "data on screen"), and on to the first capture that shows a server ("first server row").
// A splash screen, a spinner or an empty table counts as neither.
import { performance } from 'node:perf_hooks';
import type { PaneWatcher } from './pane-watcher.js';
import { isAlive } from './proc.js';
import { showsAny, tail } from './screen.js';
import type { Tmux } from './tmux.js';

export type StartResult =
  | { ok: true; seconds: number; /** undefined: no server row within the timeout */ serverSeconds?: number }
  | { ok: false; reason: string };

export async function timeToFirstScreen(
  tmux: Tmux,
  watcher: PaneWatcher,
  names: { data: ReadonlySet<string>; servers: ReadonlySet<string> },
  timeoutMs: number,
): Promise<StartResult> {
  const { pane } = watcher;
  let dataSeconds: number | undefined;
  for (;;) {
    const capture = await watcher.next();
    const seconds = (capture.at - pane.spawnedAt) / 1000;
    if (dataSeconds === undefined && showsAny(capture.text, names.data)) dataSeconds = seconds;
    if (dataSeconds !== undefined && showsAny(capture.text, names.servers)) return { ok: true, seconds: dataSeconds, serverSeconds: seconds };
    if (!isAlive(pane.pid)) {
      // With history: the process may have printed its error just before exiting, and tmux's
      // "Pane is dead" line can scroll it off the screen.
      const last = await tmux.capture(pane, true);
      return { ok: false, reason: `exited before showing a server:\n${tail(last.text)}` };
    }
    const elapsedMs = performance.now() - pane.spawnedAt;
    // Data but no server row 10 s later (a first screen of frontends only, or a tool starved of CPU): the data
    // time still stands.
    if (dataSeconds !== undefined && elapsedMs > dataSeconds * 1000 + 10_000) return { ok: true, seconds: dataSeconds };
    if (elapsedMs > timeoutMs) {
      const shown = tail((await tmux.capture(pane, true)).text);
      return { ok: false, reason: `no server row after ${timeoutMs / 1000} s; the pane shows:\n${shown}` };
    }
  }
}
