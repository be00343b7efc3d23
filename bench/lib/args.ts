// Command-line options shared by every scenario; a scenario may add its own (Scenario.options).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommonOptions } from './scenario.js';
import { TOOLS } from './tools.js';

export const COMMON_OPTIONS = {
  scenario: { type: 'string', default: 'production' },
  sizes: { type: 'string', default: '100,1000,10000' },
  'cpu-seconds': { type: 'string', default: '20' },
  repeats: { type: 'string', default: '5' },
  tool: { type: 'string', default: 'lbtop,hatop' },
  interval: { type: 'string', default: '1' },
  'warmup-seconds': { type: 'string', default: '3' },
  'poll-ms': { type: 'string', default: '20' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const USAGE = `usage: npx tsx bench/run.ts [options]
  --scenario NAME        which file of bench/scenarios/ to run (default production)
  --sizes 100,1000,10000 servers per generated HAProxy config
  --tool lbtop,hatop     tools to measure, one after the other on the same socket
  --cpu-seconds 20       length of the idle window for CPU (scaled to seconds per minute)
  --repeats 5            launches for time to first screen, presses per key
  --interval 1           refresh interval given to each tool (-i), seconds
  --warmup-seconds 3     wait after the first screen before the idle window
  --poll-ms 20           capture on pane output, else every N ms (0: back-to-back captures)
scenario production only:
  --runs 3               repeat each tool's whole measurement N times, report medians
  --quiet-sizes 10000    also measure the quiet lab (no checks, no traffic) at these sizes; 0 for none
  --settle-seconds 70    wait after HAProxy starts for the checks to settle and the ages to pass a minute
  --baseline-seconds 10  HAProxy's CPU with no tool attached, measured before the tools
  --steady-at 100        a second CPU window this many seconds after each launch (production labs); 0 for none`;

/** Just the scenario name, before the scenario's own options are known. */
export function scenarioName(argv: string[]): string {
  const { values } = parseArgs({ args: argv, options: COMMON_OPTIONS, strict: false });
  return typeof values.scenario === 'string' ? values.scenario : 'production';
}

export function parseCommon(argv: string[], extra: NonNullable<ParseArgsConfig['options']> = {}) {
  const { values } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...extra }, strict: true });
  const positive = (name: string, text: string, allowZero = false) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new Error(`--${name}: not a positive number: ${text}`);
    return n;
  };
  const tools = String(values.tool).split(',').map((name) => {
    const tool = TOOLS[name.trim()];
    if (!tool) throw new Error(`--tool: unknown tool ${name} (known: ${Object.keys(TOOLS).join(', ')})`);
    return tool;
  });
  const options: CommonOptions = {
    sizes: String(values.sizes).split(',').map((s) => Math.round(positive('sizes', s.trim()))),
    cpuSeconds: positive('cpu-seconds', String(values['cpu-seconds'])),
    repeats: Math.round(positive('repeats', String(values.repeats))),
    tools,
    intervalSeconds: positive('interval', String(values.interval)),
    warmupSeconds: positive('warmup-seconds', String(values['warmup-seconds']), true),
    pollMs: positive('poll-ms', String(values['poll-ms']), true),
    width: 200,
    height: 50,
  };
  return { options, values: values as Record<string, string | boolean | undefined>, help: values.help === true };
}
