// Runs route traces in a worker thread, so a test can time them and, if one never ends (a backtracking regex
// engine on a hostile pattern), terminate the thread instead of hanging the test run. Plain JavaScript that loads
// lbtop's TypeScript through tsx, as a worker does not inherit vitest's transform. Used by regex-bounded.test.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { traceRoute } = await tsImport('../../src/trace/trace.ts', import.meta.url);
const { parseHaproxyConfig } = await tsImport('../../src/sources/haproxy/config/parse.ts', import.meta.url);

const { config, hosts } = workerData;
const parsed = parseHaproxyConfig(config);
for (const host of hosts) {
  const started = performance.now();
  const trace = traceRoute(parsed, { host, path: '/' }, { tables: new Map() }).frontends[0];
  const ms = performance.now() - started;
  const backend = trace.outcome.kind === 'backend' ? trace.outcome.backend : trace.outcome.kind;
  parentPort.postMessage({ host: host.length > 40 ? `${host.slice(0, 4)}…(${host.length})` : host, ms, backend, certain: trace.certain });
}
