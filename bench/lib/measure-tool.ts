// One tool against one HAProxy: `repeats` launches for time to first screen; the last launch stays up for the
// idle window (CPU), the keys (PgDn, End) and memory. Any scenario can reuse this for its own setups.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Lab } from './lab.js';
import { type IdleResult, idleWindow } from './measure-idle.js';
import { type KeyResult, keyToScreen } from './measure-keys.js';
import { timeToFirstScreen } from './measure-start.js';
import { PaneWatcher } from './pane-watcher.js';
import { isAlive, type Memory, treeCpuSeconds, treeMemory, waitGone } from './proc.js';
import { tail } from './screen.js';
import type { CommonOptions } from './scenario.js';
import type { Pane, Tmux } from './tmux.js';
import type { Tool } from './tools.js';

export interface ToolMeasurement {
  tool: string;
  servers: number;
  /** Set when the tool could not be measured; the other fields hold whatever was measured before. */
  error?: string;
  /** Data on screen (a server, frontend or backend row), per launch. */
  firstScreenSeconds: number[];
  /** The first server row, per launch that showed one within 10 s of its data. */
  firstServerRowSeconds?: number[];
  idle?: IdleResult;
  /** CPU seconds per minute of the tool's process tree over the window at CommonOptions.steadyAtSeconds. */
  steadyCpuPerMinute?: number;
  pageDown?: KeyResult;
  end?: KeyResult;
  memory?: Memory;
  /** Round trip of every capture used for timing, in ms: the resolution of the timings. */
  captureRoundTripsMs: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureTool(
  tmux: Tmux,
  tool: Tool,
  lab: Lab,
  options: CommonOptions,
  log: (l: string) => void,
  /** Processes (name → pid) whose CPU is measured over the same idle window, e.g. the lab's traffic generator. */
  others: Record<string, number> = {},
) {
  const result: ToolMeasurement = { tool: tool.name, servers: lab.servers, firstScreenSeconds: [], firstServerRowSeconds: [], captureRoundTripsMs: [] };
  const startTimeoutMs = 30_000;
  for (let launch = 1; launch <= options.repeats; launch++) {
    const launchedAt = performance.now();
    const pane = await tmux.launch(tool.argv(lab.haproxy.socket, options.intervalSeconds));
    const watcher = new PaneWatcher(tmux, pane, options.pollMs);
    try {
      const start = await timeToFirstScreen(tmux, watcher, { data: lab.dataNames, servers: lab.serverNames }, startTimeoutMs);
      if (!start.ok) {
        result.error = `failed to start: ${start.reason}`;
        return result;
      }
      result.firstScreenSeconds.push(start.seconds);
      if (start.serverSeconds !== undefined) result.firstServerRowSeconds!.push(start.serverSeconds);
      log(`  ${tool.name} @ ${lab.servers}: launch ${launch}: data on screen ${start.seconds.toFixed(3)} s, first server row ${start.serverSeconds?.toFixed(3) ?? 'none'} s`);
      if (launch === options.repeats) await fullSession(tmux, watcher, tool, lab, options, result, log, others, launchedAt);
    } finally {
      result.captureRoundTripsMs.push(...watcher.roundTrips);
      await close(tmux, pane);
    }
  }
  return result;
}

async function fullSession(
  tmux: Tmux,
  watcher: PaneWatcher,
  tool: Tool,
  lab: Lab,
  options: CommonOptions,
  result: ToolMeasurement,
  log: (l: string) => void,
  others: Record<string, number>,
  launchedAt: number,
): Promise<void> {
  // Every byte the tool writes to its terminal, from here on (after warm-up only the idle window's are counted).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bench-pty-'));
  const file = path.join(dir, 'pane.out');
  try {
    await tmux.pipeOutput(watcher.pane, file);
    await sleep(options.warmupSeconds * 1000);
    log(`  ${tool.name} @ ${lab.servers}: idle window ${options.cpuSeconds} s`);
    result.idle = await idleWindow(watcher, lab.haproxy.pid, options.cpuSeconds, { terminal: { tmux, file }, others });
  } finally {
    await tmux.stopPipe(watcher.pane);
    rmSync(dir, { recursive: true, force: true });
  }
  const steadyAt = options.steadyAtSeconds ?? 0;
  if (steadyAt > 0) {
    // Before the keys, so both windows see the same screen (the first one, nobody pressing anything).
    await sleep(Math.max(0, launchedAt + steadyAt * 1000 - performance.now()));
    log(`  ${tool.name} @ ${lab.servers}: steady window ${options.cpuSeconds} s, ${steadyAt} s after launch`);
    const cpu0 = treeCpuSeconds(watcher.pane.pid);
    const start = performance.now();
    await sleep(options.cpuSeconds * 1000);
    result.steadyCpuPerMinute = ((treeCpuSeconds(watcher.pane.pid) - cpu0) * 60_000) / (performance.now() - start);
  }
  const keys = { reset: tool.keys.home, repeats: options.repeats, volatileLines: result.idle.volatileLines };
  log(`  ${tool.name} @ ${lab.servers}: PgDn x${options.repeats}, End x${options.repeats}`);
  result.pageDown = await keyToScreen(tmux, watcher, { ...keys, key: tool.keys.pageDown });
  result.end = await keyToScreen(tmux, watcher, { ...keys, key: tool.keys.end, lastServer: lab.lastServer, serverOrder: lab.serverOrder });
  if (!isAlive(watcher.pane.pid)) {
    // Died during the idle window or the keys: say so with what it printed, rather than a memory of 0 MB.
    result.error = `exited during the session:\n${tail((await tmux.capture(watcher.pane, true)).text)}`;
    return;
  }
  result.memory = treeMemory(watcher.pane.pid);
}

/** tmux sends the pane SIGHUP; wait for the process to be gone before the next launch measures anything. */
async function close(tmux: Tmux, pane: Pane): Promise<void> {
  await tmux.killPane(pane);
  await waitGone(pane.pid);
  await sleep(300);
}
