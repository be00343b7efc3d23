// Time to first screen: from the launch command to the first capture that shows a server of the config.
// A splash screen, a spinner or an empty table does not count; real data rows do.
import { performance } from 'node:perf_hooks';
import type { PaneWatcher } from './pane-watcher.js';
import { isAlive } from './proc.js';
import { showsAny, tail } from './screen.js';
import type { Tmux } from './tmux.js';

export type StartResult = { ok: true; seconds: number } | { ok: false; reason: string };

export async function timeToFirstScreen(
  tmux: Tmux,
  watcher: PaneWatcher,
  serverNames: ReadonlySet<string>,
  timeoutMs: number,
): Promise<StartResult> {
  const { pane } = watcher;
  for (;;) {
    const capture = await watcher.next();
    if (showsAny(capture.text, serverNames)) return { ok: true, seconds: (capture.at - pane.spawnedAt) / 1000 };
    if (!isAlive(pane.pid)) {
      // With history: the process may have printed its error just before exiting, and tmux's
      // "Pane is dead" line can scroll it off the screen.
      const last = await tmux.capture(pane, true);
      return { ok: false, reason: `exited before showing a server:\n${tail(last.text)}` };
    }
    if (performance.now() - pane.spawnedAt > timeoutMs) {
      const shown = tail((await tmux.capture(pane, true)).text);
      return { ok: false, reason: `no server row after ${timeoutMs / 1000} s; the pane shows:\n${shown}` };
    }
  }
}
