// The production scenario's Markdown: the issue's table of medians, lbtop/hatop ratios, the labs' own load, and
// how each number was taken.
import { FRAME_GAP_MS } from './measure-idle.js';
import { REQUESTS_PER_SECOND } from './production-lab.js';
import { markdownTable } from './report.js';
import type { CommonOptions } from './scenario.js';
import { fmt, median, quantile } from './stats.js';
import { RATIO_FIELDS, ratios, type Summary, type Tagged } from './summary.js';

export interface LabBaseline {
  scenario: string;
  servers: number;
  /** Percent of one core with no tool attached: haproxy, and for production the traffic and flapper processes. */
  cpuPercent: Record<string, number>;
  /** Server rows of `show stat` by the first word of their status (UP, DOWN, MAINT, no…). */
  states: Record<string, number>;
}

const HEADER = ['servers', 'scenario', 'tool', 'CPU s/min', 'CPU steady s/min', 'HAProxy CPU %', 'RSS MB (peak)', 'terminal KB/min',
  'frames/min', 'data on screen s', 'first server row s', 'PgDn ms', 'End ms', 'End shows last server'];

const n = (v: number) => v.toLocaleString('en-US');

function row(s: Summary): string[] {
  if (s.measured === 0) return [n(s.servers), s.scenario, s.tool, 'failed (below)', ...HEADER.slice(5).map(() => '–')];
  return [
    n(s.servers),
    s.scenario,
    s.tool,
    fmt(s.cpuSecondsPerMinute, 2),
    s.steadyCpuSecondsPerMinute === undefined ? '–' : fmt(s.steadyCpuSecondsPerMinute, 2),
    fmt(s.haproxyCpuPercent, 1),
    `${fmt(s.rssMb, 0)} (${fmt(s.peakMb, 0)})`,
    fmt(s.terminalKbPerMinute, 1),
    fmt(s.framesPerMinute, 0),
    fmt(s.dataOnScreenSeconds, 3),
    serverRow(s),
    fmt(s.pageDownMs, 0),
    fmt(s.endMs, 0),
    s.endShowsLast === undefined ? '–' : s.endShowsLast ? 'yes' : 'no',
  ];
}

/** The median over launches that showed a server, and how many did not (within 10 s of their data). */
function serverRow(s: Summary): string {
  const none = s.launchesWithoutServerRow;
  if (none === 0) return fmt(s.firstServerRowSeconds, 3);
  if (none === s.launches) return `none (${none}/${s.launches})`;
  return `${fmt(s.firstServerRowSeconds, 3)} (${none}/${s.launches} none)`;
}

function ratioRows(summaries: Summary[]): string[][] {
  const rows: string[][] = [];
  for (const a of summaries.filter((s) => s.tool === 'lbtop')) {
    const b = summaries.find((s) => s.tool === 'hatop' && s.servers === a.servers && s.scenario === a.scenario);
    if (b) rows.push([n(a.servers), a.scenario, ...ratios(a, b).map((r) => (r === undefined ? '–' : `${fmt(r, 2)}×`))]);
  }
  return rows;
}

function baselineRow(b: LabBaseline): string[] {
  const pct = (k: string) => (b.cpuPercent[k] === undefined ? '–' : fmt(b.cpuPercent[k], 1));
  const states = Object.entries(b.states).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k} ${v}`).join(', ');
  return [n(b.servers), b.scenario, pct('haproxy'), pct('traffic'), pct('flapper'), states];
}

export function renderProduction(
  summaries: Summary[],
  baselines: LabBaseline[],
  measurements: Tagged[],
  options: CommonOptions & { runs: number },
): string {
  const trips = measurements.flatMap((m) => m.captureRoundTripsMs);
  const ratioTable = ratioRows(summaries);
  const errors = summaries.flatMap((s) => s.errors.map((e) => ({ s, e })));
  return [
    markdownTable(HEADER, summaries.map(row)),
    '',
    `Medians over ${options.runs} run(s) of each tool (per run: ${options.repeats} launches for the start times,`,
    `${options.repeats} presses per key; CPU, terminal output and frames over a ${options.cpuSeconds} s idle window after`,
    `${options.warmupSeconds} s of warm-up). CPU s/min is the tool's process tree; CPU steady s/min the same over a window`,
    `as long from ${options.steadyAtSeconds ?? 0} s after the launch (production labs; the screen untouched until then); HAProxy CPU % is its master and worker`,
    'over the same window (compare with the lab alone, below). Terminal KB/min counts the raw bytes the tool wrote to',
    `its pty (tmux pipe-pane); a frame is a burst of output after at least ${FRAME_GAP_MS} ms of silence.`,
    'Data on screen: first capture showing a row of the config (server, frontend or backend); first server row: first',
    'capture showing a server. PgDn/End: send-keys to the last change before 150 ms of quiet.',
    '',
    ...(ratioTable.length > 0
      ? ['lbtop / hatop (below 1× lbtop is lower: less CPU, fewer bytes, faster):', '',
        markdownTable(['servers', 'scenario', ...RATIO_FIELDS.map(([label]) => label)], ratioTable), '']
      : []),
    'The labs alone, no tool attached (percent of one core; servers by state after the checks settled):',
    '',
    markdownTable(['servers', 'scenario', 'HAProxy CPU %', 'traffic CPU %', 'flapper CPU %', 'servers'], baselines.map(baselineRow)),
    '',
    `Production: checks on every server at HAProxy's default interval (2 s, fall 3, rise 2), ${REQUESTS_PER_SECOND} requests/s`,
    'to every tenth backend (be_0001, be_0011, …), flapping servers toggled every 10–14.5 s. Quiet: no checks, no traffic.',
    `Timing resolution: capture round trip median ${fmt(median(trips), 2)} ms, p95 ${fmt(quantile(trips, 0.95), 2)} ms over ${trips.length} captures.`,
    ...errors.flatMap(({ s, e }) => ['', `**${s.tool} @ ${n(s.servers)} ${s.scenario}, ${e.split('\n')[0]}**`,
      ...(e.includes('\n') ? ['', '```', e.split('\n').slice(1).join('\n').trim(), '```'] : [])]),
  ].join('\n');
}
