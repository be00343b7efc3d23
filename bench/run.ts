// Entry point of the benchmarks (`npm run bench`, or `npx tsx bench/run.ts --help`). Picks a scenario from
// bench/scenarios/, runs it, prints the report and writes it with its raw data to bench/results/.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCommon, scenarioName, USAGE } from './lib/args.js';
import { Cleanup } from './lib/cleanup.js';
import { describeEnvironment, environmentMarkdown } from './lib/environment.js';
import { writeResults } from './lib/report.js';
import type { Scenario } from './lib/scenario.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function loadScenarios(): Promise<Map<string, Scenario>> {
  const dir = path.join(here, 'scenarios');
  const scenarios = new Map<string, Scenario>();
  for (const file of readdirSync(dir).filter((f) => /\.[cm]?[tj]s$/.test(f)).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { scenario?: Scenario };
    if (mod.scenario) scenarios.set(mod.scenario.name, mod.scenario);
  }
  return scenarios;
}

async function main(argv: string[]): Promise<number> {
  const scenarios = await loadScenarios();
  const scenario = scenarios.get(scenarioName(argv));
  const list = [...scenarios.values()].map((s) => `  ${s.name}: ${s.summary}`).join('\n');
  if (!scenario) {
    log(`unknown scenario ${scenarioName(argv)}; known:\n${list}`);
    return 2;
  }
  const { options, values, help } = parseCommon(argv, scenario.options);
  if (help) {
    log(`${USAGE}\n\nscenarios:\n${list}`);
    return 0;
  }
  const cleanup = new Cleanup();
  cleanup.installSignalHandlers(log);
  const environment = describeEnvironment();
  try {
    const result = await scenario.run({ options, extra: values, cleanup, log });
    const versions = Object.fromEntries(options.tools.map((t) => [t.name, t.version()]));
    const markdown = [
      `# lbtop benchmark: ${scenario.name}`,
      '',
      environmentMarkdown(environment, versions),
      `- Command: bench/run.ts ${argv.join(' ')}`,
      '',
      result.markdown,
    ].join('\n');
    const files = writeResults(path.join(here, 'results'), scenario.name, markdown, {
      scenario: scenario.name,
      argv,
      environment,
      versions,
      options: { ...options, tools: options.tools.map((t) => t.name) },
      results: result.data,
    });
    process.stdout.write(`${markdown}\n\nWritten: ${files.md}\n         ${files.json}\n`);
    return 0;
  } finally {
    await cleanup.closeAll();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
