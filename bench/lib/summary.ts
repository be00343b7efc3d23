// Medians over several runs of one tool on one lab (issue 13 asks for medians of several runs), and the lbtop/hatop
// ratios. Each run's own value comes first (its median over launches or key presses), then the median over runs.
import type { ToolMeasurement } from './measure-tool.js';
import { median } from './stats.js';

export interface Summary {
  servers: number;
  scenario: string;
  tool: string;
  runs: number;
  /** Runs that measured something (a tool that failed to start has none). */
  measured: number;
  cpuSecondsPerMinute?: number;
  /** CPU in the window at steadyAtSeconds from launch (see CommonOptions). */
  steadyCpuSecondsPerMinute?: number;
  haproxyCpuPercent?: number;
  rssMb?: number;
  peakMb?: number;
  terminalKbPerMinute?: number;
  framesPerMinute?: number;
  dataOnScreenSeconds?: number;
  firstServerRowSeconds?: number;
  /** Launches that showed data but no server row within 10 s of it, and all launches. */
  launchesWithoutServerRow: number;
  launches: number;
  pageDownMs?: number;
  endMs?: number;
  /** End reached the config's last server on every press of every run. */
  endShowsLast?: boolean;
  errors: string[];
}

export type Tagged = ToolMeasurement & { scenario: string; run: number };

const each = (runs: Tagged[], value: (m: Tagged) => number | undefined) =>
  median(runs.map(value).filter((v): v is number => v !== undefined && Number.isFinite(v)));

export function summarize(runs: Tagged[]): Summary {
  const first = runs[0]!;
  const keyMedian = (k: ToolMeasurement['pageDown']) => (k ? median(k.samples.map((s) => s.settledMs)) : undefined);
  const ends = runs.flatMap((m) => m.end?.samples ?? []);
  return {
    servers: first.servers,
    scenario: first.scenario,
    tool: first.tool,
    runs: runs.length,
    measured: runs.filter((m) => m.idle).length,
    cpuSecondsPerMinute: each(runs, (m) => m.idle?.toolCpuPerMinute),
    steadyCpuSecondsPerMinute: each(runs, (m) => m.steadyCpuPerMinute),
    haproxyCpuPercent: each(runs, (m) => (m.idle ? (m.idle.haproxyCpuPerMinute / 60) * 100 : undefined)),
    rssMb: each(runs, (m) => m.memory?.rssMb),
    peakMb: each(runs, (m) => m.memory?.peakMb),
    terminalKbPerMinute: each(runs, (m) => (m.idle?.terminalBytesPerMinute ?? NaN) / 1024),
    framesPerMinute: each(runs, (m) => m.idle?.framesPerMinute),
    dataOnScreenSeconds: each(runs, (m) => median(m.firstScreenSeconds)),
    firstServerRowSeconds: each(runs, (m) => median(m.firstServerRowSeconds ?? [])),
    launchesWithoutServerRow: runs.reduce((n, m) => n + m.firstScreenSeconds.length - (m.firstServerRowSeconds?.length ?? 0), 0),
    launches: runs.reduce((n, m) => n + m.firstScreenSeconds.length, 0),
    pageDownMs: each(runs, (m) => keyMedian(m.pageDown)),
    endMs: each(runs, (m) => keyMedian(m.end)),
    endShowsLast: ends.length > 0 ? ends.every((s) => s.showsLast === true) : undefined,
    errors: runs.flatMap((m) => (m.error ? [`run ${m.run}: ${m.error}`] : [])),
  };
}

/** One summary per (scenario, servers, tool), in the order first measured. */
export function summarizeAll(measurements: Tagged[]): Summary[] {
  const groups = new Map<string, Tagged[]>();
  for (const m of measurements) {
    const key = `${m.scenario}/${m.servers}/${m.tool}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map(summarize);
}

export const RATIO_FIELDS = [
  ['CPU', 'cpuSecondsPerMinute'],
  ['CPU steady', 'steadyCpuSecondsPerMinute'],
  ['HAProxy CPU', 'haproxyCpuPercent'],
  ['RSS', 'rssMb'],
  ['peak', 'peakMb'],
  ['terminal KB/min', 'terminalKbPerMinute'],
  ['frames/min', 'framesPerMinute'],
  ['data on screen', 'dataOnScreenSeconds'],
  ['first server row', 'firstServerRowSeconds'],
  ['PgDn', 'pageDownMs'],
  ['End', 'endMs'],
] as const satisfies readonly (readonly [string, keyof Summary])[];

/** a/b for each RATIO_FIELDS entry; undefined where either side is missing or b is 0. */
export function ratios(a: Summary, b: Summary): (number | undefined)[] {
  return RATIO_FIELDS.map(([, field]) => {
    const x = a[field] as number | undefined;
    const y = b[field] as number | undefined;
    return x === undefined || y === undefined || y === 0 ? undefined : x / y;
  });
}
