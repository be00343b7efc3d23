// Keypress to screen: send one key, time until the pane shows its effect. Two times per press: the first capture
// that differs (the terminal started to change) and the last change before the screen went quiet (the whole
// new frame is there; a large frame reaches tmux in several writes).
import type { PaneWatcher } from './pane-watcher.js';
import { changedBeyond, furthest, shows } from './screen.js';
import type { Tmux } from './tmux.js';

export interface KeySample {
  firstChangeMs: number;
  settledMs: number;
  /** Only when asked (lastServer): is the config's last server on screen after the key? */
  showsLast?: boolean;
  /** Only when asked: the server shown that comes last in the config, e.g. where End stopped. */
  furthestServer?: string;
}

export interface KeyOptions {
  key: string;
  /** Pressed (and waited out) before each sample, so every sample starts from the top of the table. */
  reset: string;
  repeats: number;
  /** Lines that change on their own (see measure-idle). */
  volatileLines: ReadonlySet<number>;
  lastServer?: string;
  /** Server name → position in the config, to report how far down the table the key went. */
  serverOrder?: ReadonlyMap<string, number>;
  timeoutMs?: number;
}

export interface KeyResult {
  samples: KeySample[];
  /** Presses after which nothing changed within the timeout. */
  timeouts: number;
}

export async function keyToScreen(tmux: Tmux, watcher: PaneWatcher, options: KeyOptions): Promise<KeyResult> {
  const { pane } = watcher;
  // If most of the screen changes on its own, a mask would hide the key's effect too; then only the timing
  // (right after a refresh) keeps a refresh from passing for the key.
  const mask = (lines: number) => (options.volatileLines.size * 4 > lines ? new Set<number>() : options.volatileLines);
  const changed = (a: string, b: string) => changedBeyond(a, b, mask(a.split('\n').length));
  const timeoutMs = options.timeoutMs ?? 5000;
  const samples: KeySample[] = [];
  let timeouts = 0;
  for (let r = 0; r < options.repeats; r++) {
    await tmux.sendKey(pane, options.reset);
    await watcher.settle(await watcher.next(), 300, 3000);
    // Press right after a refresh, so the next one is a whole interval away and cannot pass for the key's effect.
    await watcher.nextOutput(1200);
    const { last: before } = await watcher.settle(await watcher.next(), 100, 1000);
    const sentAt = await tmux.sendKey(pane, options.key);
    let first;
    do first = await watcher.next();
    while (!changed(before.text, first.text) && first.at - sentAt < timeoutMs);
    if (!changed(before.text, first.text)) {
      timeouts++;
      continue;
    }
    const { last, lastChangeAt } = await watcher.settle(first, 150, 2000, changed);
    samples.push({
      firstChangeMs: first.at - sentAt,
      settledMs: lastChangeAt - sentAt,
      ...(options.lastServer !== undefined ? { showsLast: shows(last.text, options.lastServer) } : {}),
      ...(options.serverOrder ? { furthestServer: furthest(last.text, options.serverOrder) } : {}),
    });
  }
  return { samples, timeouts };
}
