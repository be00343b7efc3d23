// Issue 13's benchmark: lbtop and hatop against an HAProxy that looks like production (checks on every server at
// the default 2 s, traffic on a tenth of the backends, flapping servers: bench/lib/production-lab.ts) at each
// --sizes, plus the quiet lab (no checks, test/support/lab/generate-config.ts) at --quiet-sizes; --runs times each tool,
// medians reported, with lbtop/hatop ratios.
import { rawCommand } from '../../src/lab/haproxy-process.js';
import { type Lab, startLab } from '../lib/lab.js';
import { measureTool } from '../lib/measure-tool.js';
import { treeCpuSeconds } from '../lib/proc.js';
import { startProductionLab } from '../lib/production-lab.js';
import { renderProduction, type LabBaseline } from '../lib/production-report.js';
import type { Scenario, ScenarioContext } from '../lib/scenario.js';
import { summarizeAll, type Tagged } from '../lib/summary.js';
import { Tmux } from '../lib/tmux.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const scenario: Scenario = {
  name: 'production',
  summary: 'checks on every server, traffic, flapping (and one quiet row): CPU, RSS, terminal bytes, frames, start, keys, lbtop vs hatop',
  options: {
    runs: { type: 'string', default: '3' },
    'quiet-sizes': { type: 'string', default: '10000' },
    // Past the lab's first minute: every server's LASTCHG starts at HAProxy's start, and an age in its first minute
    // is shown in seconds, so a window inside it redraws every row each second (32–35 KB/min measured, against
    // 10–12 after it). A production HAProxy has run for days: the steady state is after the first minute.
    'settle-seconds': { type: 'string', default: '70' },
    'baseline-seconds': { type: 'string', default: '10' },
    // lbtop's V8 compiles its hot code over the first minute or two; a second CPU window from here on holds
    // what an operator's session of an hour costs (CommonOptions.steadyAtSeconds). 0: none.
    'steady-at': { type: 'string', default: '100' },
  },
  async run(context) {
    const { options, extra, cleanup, log } = context;
    const runs = Math.max(1, Math.round(Number(extra.runs)));
    const steadyAt = Math.max(0, Number(extra['steady-at']) || 0);
    const quietSizes = String(extra['quiet-sizes']).split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
    const labs = [
      ...options.sizes.map((servers) => ({ scenario: 'production', servers })),
      ...quietSizes.map((servers) => ({ scenario: 'quiet', servers })),
    ];
    const tmux = await Tmux.start(options.width, options.height);
    const stopTmux = cleanup.add(`tmux -L ${tmux.socketName}`, () => tmux.close());
    const unavailable = new Map(options.tools.map((tool) => [tool, tool.prepare()]));
    const measurements: Tagged[] = [];
    const baselines: LabBaseline[] = [];
    try {
      for (const { scenario: name, servers } of labs) {
        log(`${servers} servers, ${name}: starting the lab`);
        const production = name === 'production' ? await startProductionLab(servers, cleanup) : undefined;
        const lab: Lab & { stop(): Promise<void> } = production ?? (await startLab(servers, cleanup));
        const others: Record<string, number> = production ? { ...production.loadPids } : {};
        try {
          baselines.push(await baseline(context, name, lab, others));
          for (let run = 1; run <= runs; run++) {
            for (const tool of options.tools) {
              const reason = unavailable.get(tool);
              const tag = { scenario: name, run };
              if (reason) {
                measurements.push({ ...tag, tool: tool.name, servers, error: `failed to start: ${reason}`, firstScreenSeconds: [], captureRoundTripsMs: [] });
                continue;
              }
              log(`${servers} servers, ${name}, run ${run}/${runs}: ${tool.name}`);
              // The quiet lab's CPU target is met with a wide margin: no steady window there (its minutes go elsewhere).
              const steady = { ...options, steadyAtSeconds: name === 'production' ? steadyAt : 0 };
              const m = await measureTool(tmux, tool, lab, steady, log, others);
              if (m.error) log(`${tool.name}: ${m.error}`);
              measurements.push({ ...m, ...tag });
            }
          }
        } finally {
          await lab.stop();
        }
      }
    } finally {
      await stopTmux();
    }
    const summaries = summarizeAll(measurements);
    return {
      markdown: renderProduction(summaries, baselines, measurements, { ...options, runs, steadyAtSeconds: steadyAt }),
      data: { summaries, baselines, measurements },
    };
  },
};

/** HAProxy (and the lab's load processes) with no tool attached, after the checks have settled: the floor under
 *  the HAProxy CPU column. Also what the lab looks like: server states from `show stat`. */
async function baseline(context: ScenarioContext, scenario: string, lab: Lab, others: Record<string, number>): Promise<LabBaseline> {
  const settle = Number(context.extra['settle-seconds']);
  const seconds = Number(context.extra['baseline-seconds']);
  if (scenario === 'production') await sleep(settle * 1000);
  const pids = { haproxy: lab.haproxy.pid, ...others };
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, treeCpuSeconds(pid)]));
  const started = performance.now();
  await sleep(seconds * 1000);
  const wall = (performance.now() - started) / 1000;
  const cpuPercent = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => [k, ((treeCpuSeconds(pid) - before[k]!) / wall) * 100]),
  );
  const states: Record<string, number> = {};
  for (const line of (await rawCommand(lab.haproxy.socket, 'show stat')).split('\n')) {
    const fields = line.split(',');
    if (!fields[1] || line.startsWith('#') || fields[1] === 'FRONTEND' || fields[1] === 'BACKEND') continue;
    const state = (fields[17] ?? '?').split(' ')[0]!;
    states[state] = (states[state] ?? 0) + 1;
  }
  context.log(`  HAProxy alone: ${cpuPercent.haproxy!.toFixed(1)} % CPU; servers ${JSON.stringify(states)}`);
  return { scenario, servers: lab.servers, cpuPercent, states };
}
