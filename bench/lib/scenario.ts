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
