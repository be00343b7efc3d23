// The idle window: the tool refreshes on its own with nobody pressing keys. What it costs (CPU of the tool's
// process tree, and of HAProxy answering it), how often it repaints, and which screen lines change by themselves
// (a clock, an uptime), so keypress timing can ignore them.
import { performance } from 'node:perf_hooks';
import type { PaneWatcher } from './pane-watcher.js';
import { treeCpuSeconds } from './proc.js';
import { changedLines } from './screen.js';

export interface IdleResult {
  wallSeconds: number;
  /** CPU seconds of the tool's process tree, per minute of wall time. */
  toolCpuPerMinute: number;
  /** CPU seconds of HAProxy (master and worker) per minute: the cost of the tool's polling on the other side. */
  haproxyCpuPerMinute: number;
  /** Captures that differed from the previous one, per minute. */
  repaintsPerMinute: number;
  /** Line indexes that changed with no key pressed. */
  volatileLines: Set<number>;
}

export async function idleWindow(
  watcher: PaneWatcher,
  haproxyPid: number,
  seconds: number,
): Promise<IdleResult> {
  const toolPid = watcher.pane.pid;
  const start = performance.now();
  const tool0 = treeCpuSeconds(toolPid);
  const haproxy0 = treeCpuSeconds(haproxyPid);
  const volatileLines = new Set<number>();
  let previous = (await watcher.next()).text;
  let repaints = 0;
  for (;;) {
    const left = start + seconds * 1000 - performance.now();
    if (left <= 0) break;
    const capture = await watcher.nextOutput(left);
    if (!capture) continue;
    if (previous !== capture.text) {
      repaints++;
      for (const i of changedLines(previous, capture.text)) volatileLines.add(i);
    }
    previous = capture.text;
  }
  const wallSeconds = (performance.now() - start) / 1000;
  const perMinute = (value: number) => (value * 60) / wallSeconds;
  return {
    wallSeconds,
    toolCpuPerMinute: perMinute(treeCpuSeconds(toolPid) - tool0),
    haproxyCpuPerMinute: perMinute(treeCpuSeconds(haproxyPid) - haproxy0),
    repaintsPerMinute: perMinute(repaints),
    volatileLines,
  };
}
