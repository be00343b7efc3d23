// The idle window: the tool refreshes on its own with nobody pressing keys. What it costs (CPU of the tool's
// process tree, and of HAProxy answering it), how often it repaints, and which screen lines change by themselves
// (a clock, an uptime), so keypress timing can ignore them.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { PaneWatcher } from './pane-watcher.js';
import { treeCpuSeconds } from './proc.js';
import { changedLines } from './screen.js';
import type { Tmux } from './tmux.js';

/** Output separated by at least this much silence starts a new frame. */
export const FRAME_GAP_MS = 30;

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
  /** Raw bytes the tool wrote to its terminal (tmux pipe-pane), per minute; only when a pipe file was given. */
  terminalBytesPerMinute?: number;
  /** Bursts of terminal output separated by >= FRAME_GAP_MS of silence, per minute. */
  framesPerMinute?: number;
  /** CPU seconds per minute of other processes watched over the same window (the lab's traffic, flapper). */
  othersCpuPerMinute?: Record<string, number>;
}

export interface IdleExtras {
  /** The tmux driver and the file its pipe-pane appends the pane's output to, to count bytes and frames. */
  terminal?: { tmux: Tmux; file: string };
  others?: Record<string, number>;
}

/** Bursts in a list of output arrival times: a new one after every gap of FRAME_GAP_MS or more. */
export function countFrames(times: readonly number[]): number {
  return times.filter((t, i) => i === 0 || t - times[i - 1]! >= FRAME_GAP_MS).length;
}

const fileSize = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

export async function idleWindow(
  watcher: PaneWatcher,
  haproxyPid: number,
  seconds: number,
  extras: IdleExtras = {},
): Promise<IdleResult> {
  const toolPid = watcher.pane.pid;
  const { terminal, others = {} } = extras;
  const times = terminal?.tmux.recordOutput(watcher.pane);
  const bytes0 = terminal ? fileSize(terminal.file) : 0;
  const start = performance.now();
  const tool0 = treeCpuSeconds(toolPid);
  const haproxy0 = treeCpuSeconds(haproxyPid);
  const others0 = Object.fromEntries(Object.entries(others).map(([name, pid]) => [name, treeCpuSeconds(pid)]));
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
  const toolCpu = treeCpuSeconds(toolPid) - tool0;
  const haproxyCpu = treeCpuSeconds(haproxyPid) - haproxy0;
  if (terminal) terminal.tmux.stopRecording(watcher.pane);
  return {
    wallSeconds,
    toolCpuPerMinute: perMinute(toolCpu),
    haproxyCpuPerMinute: perMinute(haproxyCpu),
    repaintsPerMinute: perMinute(repaints),
    volatileLines,
    ...(terminal
      ? { terminalBytesPerMinute: perMinute(fileSize(terminal.file) - bytes0), framesPerMinute: perMinute(countFrames(times ?? [])) }
      : {}),
    othersCpuPerMinute: Object.fromEntries(
      Object.entries(others).map(([name, pid]) => [name, perMinute(treeCpuSeconds(pid) - others0[name]!)]),
    ),
  };
}
