// The issue's benchmark: HAProxy configs of 100, 1,000 and 10,000 servers; lbtop and hatop on the same socket,
// one after the other, in tmux at 200x50 with a 1 s refresh.
import { startLab } from '../lib/lab.js';
import { measureTool, type ToolMeasurement } from '../lib/measure-tool.js';
import { fmt, median, quantile } from '../lib/stats.js';
import { markdownTable } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { Tmux } from '../lib/tmux.js';

export const scenario: Scenario = {
  name: 'sizes',
  summary: 'first screen, CPU, RSS and PgDn/End latency at N servers, lbtop vs hatop',
  async run({ options, cleanup, log }) {
    const tmux = await Tmux.start(options.width, options.height);
    const stopTmux = cleanup.add(`tmux -L ${tmux.socketName}`, () => tmux.close());
    const measurements: ToolMeasurement[] = [];
    // Once per run: building lbtop takes seconds and its outcome does not change between sizes.
    const unavailable = new Map(options.tools.map((tool) => [tool, tool.prepare()]));
    try {
      for (const servers of options.sizes) {
        log(`${servers} servers: starting HAProxy`);
        const lab = await startLab(servers, cleanup);
        try {
          for (const tool of options.tools) {
            const reason = unavailable.get(tool);
            if (reason) {
              const error = `failed to start: ${reason}`;
              measurements.push({ tool: tool.name, servers, error, firstScreenSeconds: [], captureRoundTripsMs: [] });
              log(`${tool.name}: ${error}`);
              continue;
            }
            const m = await measureTool(tmux, tool, lab, options, log);
            if (m.error) log(`${tool.name}: ${m.error}`);
            measurements.push(m);
          }
        } finally {
          await lab.stop();
        }
      }
    } finally {
      await stopTmux();
    }
    return { markdown: render(measurements, options.repeats, options.cpuSeconds, options.pollMs), data: measurements };
  },
};

const HEADER = ['Servers', 'Tool', 'First screen s', 'CPU s/min', 'CPU %', 'HAProxy CPU %', 'RSS MB (peak)',
  'PgDn ms', 'End ms', 'End shows last server'];

function row(m: ToolMeasurement): string[] {
  const servers = m.servers.toLocaleString('en-US');
  if (m.error && m.firstScreenSeconds.length === 0) return [servers, m.tool, 'failed to start (below)', ...HEADER.slice(3).map(() => '–')];
  const cpu = m.idle?.toolCpuPerMinute;
  const keyMs = (k: ToolMeasurement['pageDown']) =>
    k ? `${fmt(median(k.samples.map((s) => s.settledMs)), 0)}${k.timeouts ? ` (${k.timeouts} no change)` : ''}` : '–';
  const last = m.end?.samples.map((s) => s.showsLast === true) ?? [];
  const stops = m.end?.samples.find((s) => !s.showsLast)?.furthestServer;
  const reaches =
    last.length === 0 ? '–'
    : last.every(Boolean) ? 'yes'
    : `${last.some(Boolean) ? `${last.filter(Boolean).length}/${last.length}` : 'no'}${stops ? ` (stops at ${stops})` : ''}`;
  return [
    servers,
    m.tool,
    fmt(median(m.firstScreenSeconds), 3),
    fmt(cpu, 2),
    fmt(cpu === undefined ? undefined : (cpu / 60) * 100, 2),
    fmt(m.idle ? (m.idle.haproxyCpuPerMinute / 60) * 100 : undefined, 2),
    m.memory ? `${fmt(m.memory.rssMb, 0)} (${fmt(m.memory.peakMb, 0)})` : '–',
    keyMs(m.pageDown),
    keyMs(m.end),
    reaches,
  ];
}

/** "lbtop: failed to start: <first line>" and what the pane (or the build) showed, verbatim. */
function failure(m: ToolMeasurement): string[] {
  const [first, ...rest] = (m.error ?? '').split('\n');
  const detail = rest.join('\n').trim();
  return ['', `**${m.tool} @ ${m.servers.toLocaleString('en-US')} servers: ${first}**`, ...(detail ? ['', '```', detail, '```'] : [])];
}

function render(measurements: ToolMeasurement[], repeats: number, cpuSeconds: number, pollMs: number): string {
  const trips = measurements.flatMap((m) => m.captureRoundTripsMs);
  const failures = measurements.filter((m) => m.error);
  return [
    markdownTable(HEADER, measurements.map(row)),
    '',
    `Medians of ${repeats} launches (first screen) and ${repeats} presses per key. CPU over a ${cpuSeconds} s idle`,
    'window (utime+stime of the tool and its children from /proc, scaled to 60 s; % is of one core); HAProxy CPU is',
    'its master and worker over the same window. RSS is VmRSS after the keys, peak is VmHWM.',
    `Key times run from send-keys to the last change of the screen before it stays quiet for 150 ms.`,
    `Timing resolution = one capture-pane round trip over tmux control mode: median ${fmt(median(trips), 2)} ms,`,
    `p95 ${fmt(quantile(trips, 0.95), 2)} ms over ${trips.length} captures (${pollMs === 0 ? 'back-to-back captures' : `capture on pane output, else every ${pollMs} ms`}).`,
    ...failures.flatMap(failure),
  ].join('\n');
}
