// Reads, per LB, what the drift check compares: haproxy.cfg and every map/ACL file on the host, the runtime
// lists and entries, and `show servers state`. An LB whose config or files cannot be read is reported as not
// checked (with why), never as "no drift".
import type { DriftItem, DriftReport } from '../model/drift.js';
import type { ServerState } from '../model/haproxy.js';
import type { HaproxyConfig } from '../model/haproxy-config.js';
import { parseHaproxyConfig } from '../sources/haproxy/config/parse.js';
import { readPatternTables } from '../sources/haproxy/maps/read.js';
import { parseServersState } from '../sources/haproxy/parse-servers-state.js';
import { patternDrift, serverDrift, usesServerStateFile } from './drift.js';
import type { MapsDeps } from './maps/deps.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DriftReadOptions {
  /** Compare with the poller's server states where it has current ones (the periodic check in the TUI). */
  polled?: boolean;
}

export async function readDrift(deps: MapsDeps, only: readonly string[] = [], options: DriftReadOptions = {}): Promise<DriftReport> {
  const report: DriftReport = { lbs: [], items: [] };
  const names = only.length > 0 ? only : deps.lbs;
  const results = await Promise.all(names.map((lb) => driftOf(deps, lb, options)));
  for (const r of results) {
    report.lbs.push(r.status);
    report.items.push(...r.items);
  }
  return report;
}

async function driftOf(deps: MapsDeps, lb: string, options: DriftReadOptions) {
  const status = { lb, checked: false, error: null as string | null, serverStateFile: false };
  const items: DriftItem[] = [];
  const api = deps.clients.get(lb);
  const files = deps.files(lb);
  const path = deps.after(lb).configPath;
  if (!api) return { status: { ...status, error: 'no connection configured' }, items };
  if (!files || !path) return { status: { ...status, error: 'no file access to this LB (ssh or local) or no haproxy config path' }, items };
  try {
    const cfg = await files.read(path);
    if (!cfg.exists) throw new Error(`${path} does not exist`);
    const config = parseHaproxyConfig(cfg.text);
    const states = (options.polled ? deps.polledServerStates?.(lb) : null) ?? parseServersState(await api.send('show servers state'));
    // The default path may hold another HAProxy's config (an LB given by -s only, a lab next to the system
    // one): comparing against it would report drift that is not there, or none that is. Refuse instead.
    const stranger = backendsNotIn(config, states);
    if (stranger.length > 0) {
      throw new Error(`${path} is not this HAProxy's config (no backend ${stranger.slice(0, 3).join(', ')}${stranger.length > 3 ? ', …' : ''}); set haproxy.config for ${lb}`);
    }
    status.serverStateFile = usesServerStateFile(config);
    const seen = new Set<string>();
    for (const kind of ['map', 'acl'] as const) {
      for (const table of await readPatternTables(api, kind)) {
        // A file listed by both `show map` and `show acl` (one pattern reference) is compared once, as a map.
        if (seen.has(table.file)) continue;
        seen.add(table.file);
        const disk = await files.read(table.file);
        const item = patternDrift(lb, kind, table.file, table.entries, disk.exists ? disk.text : '');
        if (item) items.push(item);
      }
    }
    items.push(...serverDrift(lb, config, states));
    status.checked = true;
  } catch (error) {
    status.error = message(error);
  }
  return { status, items };
}

/** Backends the running HAProxy has that the config file does not declare. */
function backendsNotIn(config: HaproxyConfig, states: ReadonlyMap<string, ServerState>): string[] {
  const declared = new Set(config.proxies.filter((p) => p.kind === 'backend' || p.kind === 'listen').map((p) => p.name));
  return [...new Set([...states.values()].map((s) => s.backend))].filter((backend) => !declared.has(backend));
}
