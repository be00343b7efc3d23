// A scenario is one file in bench/scenarios/ exporting `scenario`; run.ts finds it by name, so a new benchmark
// (for instance refresh cycles over SSH for 1, 10 and 50 LBs) is added without touching anything else.
import type { ParseArgsConfig } from 'node:util';
import type { Cleanup } from './cleanup.js';
import type { Tool } from './tools.js';

export interface CommonOptions {
  sizes: number[];
  cpuSeconds: number;
  repeats: number;
  tools: Tool[];
  /** Refresh interval passed to every tool (-i), in seconds. */
  intervalSeconds: number;
  warmupSeconds: number;
  /**
   * Seconds from launch to a second CPU window (the same length as the idle window), after the keys' absence:
   * lbtop's V8 compiles its hot code over its first minute or two (~0.3 s/min of CPU on V8's worker threads at
   * 100 servers), which the idle window right after the first screen holds and a session of an hour does not.
   * 0 or unset: none (the sizes scenario; the production scenario sets it for its production labs).
   */
  steadyAtSeconds?: number;
  /** Fallback capture interval when the pane is silent; 0 = back-to-back captures (see pane-watcher). */
  pollMs: number;
  width: number;
  height: number;
}

export interface ScenarioContext {
  options: CommonOptions;
  /** Values of the scenario's own options, as node:util parseArgs returns them. */
  extra: Record<string, string | boolean | undefined>;
  cleanup: Cleanup;
  log(line: string): void;
}

export interface ScenarioResult {
  /** The report body: tables and notes, without the environment header that run.ts adds. */
  markdown: string;
  data: unknown;
}

export interface Scenario {
  name: string;
  summary: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
