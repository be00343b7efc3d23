// `:trace HOST[:PORT][/PATH]` / `lbtop trace`: on each LB, the request trace (src/trace) from haproxy.cfg read on the
// host and the LIVE map/ACL contents (`show map FILE`), with the chosen backend's servers and their runtime
// state, and whether the LBs disagree.
import { SrvAdmin } from '../model/haproxy.js';
import type { RouteTrace, TraceRequest } from '../model/trace.js';
import { traceRoute } from '../trace/trace.js';
import { parseHaproxyConfig } from '../sources/haproxy/config/parse.js';
import { readHaproxyVersion, readPatternTables } from '../sources/haproxy/maps/read.js';
import { parseServersState } from '../sources/haproxy/parse-servers-state.js';
import { readUses } from './maps/read.js';
import { outcomeText } from './trace-text.js';
import type { MapsDeps } from './maps/deps.js';

export interface LbTrace {
  lb: string;
  error: string | null;
  trace: RouteTrace | null;
  /** Servers of every backend the trace chose: name and state (UP, DOWN, MAINT, DRAIN). */
  servers: Record<string, { server: string; state: string }[]>;
}

export interface FleetTrace {
  request: TraceRequest;
  lbs: LbTrace[];
  /** Frontends whose outcome is not the same on every LB that has them. */
  differs: string[];
}

/**
 * "web.example.net:8443/api/x?y" → Host header (as typed, port included, as a client sends it for a port it
 * names), path and the port, which picks the frontends bound there; with `sni`, the host is also the TLS SNI.
 */
export function traceRequestOf(target: string, sni = false): TraceRequest {
  const slash = target.indexOf('/');
  const host = slash < 0 ? target : target.slice(0, slash);
  const path = slash < 0 ? '/' : target.slice(slash);
  const port = /:(\d{1,5})$/.exec(host);
  const request: TraceRequest = { host, path };
  if (port && Number(port[1]) > 0 && Number(port[1]) < 65536) request.port = Number(port[1]);
  if (sni) request.sni = host.replace(/:\d+$/, '');
  return request;
}

export { outcomeText };

function stateOf(admin: number, op: number): string {
  if (admin & SrvAdmin.FMAINT) return 'MAINT';
  if (admin & SrvAdmin.FDRAIN) return 'DRAIN';
  return op === 2 ? 'UP' : 'DOWN';
}

async function traceLb(deps: MapsDeps, lb: string, request: TraceRequest, frontend?: string): Promise<LbTrace> {
  const out: LbTrace = { lb, error: null, trace: null, servers: {} };
  const api = deps.clients.get(lb);
  if (!api) return { ...out, error: 'no connection configured' };
  try {
    const { text, error } = await readUses(deps, lb);
    if (text === null) throw new Error(error ?? 'haproxy.cfg unreadable');
    const tables = new Map<string, { key: string; value?: string }[]>();
    for (const kind of ['map', 'acl'] as const) {
      for (const t of await readPatternTables(api, kind)) if (!tables.has(t.file)) tables.set(t.file, t.entries);
    }
    // word() past the last word depends on the version (trace/converters.ts): ask the LB which it runs.
    const version = await readHaproxyVersion(api);
    out.trace = traceRoute(parseHaproxyConfig(text), request, { tables, version, ...(frontend ? { frontend } : {}) });
    const states = parseServersState(await api.send('show servers state'));
    for (const f of out.trace.frontends) {
      if (f.outcome.kind !== 'backend') continue;
      const backend = f.outcome.backend;
      out.servers[backend] = [...states.values()].filter((s) => s.backend === backend).map((s) => ({ server: s.server, state: stateOf(s.adminState, s.opState) }));
    }
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
  }
  return out;
}

export async function traceOnLbs(deps: MapsDeps, request: TraceRequest, options: { frontend?: string; only?: readonly string[] } = {}): Promise<FleetTrace> {
  const names = options.only && options.only.length > 0 ? options.only : deps.lbs;
  const lbs = await Promise.all(names.map((lb) => traceLb(deps, lb, request, options.frontend)));
  const byFrontend = new Map<string, Set<string>>();
  for (const l of lbs) {
    for (const f of l.trace?.frontends ?? []) {
      const set = byFrontend.get(f.frontend) ?? new Set<string>();
      set.add(outcomeText(f));
      byFrontend.set(f.frontend, set);
    }
  }
  return { request, lbs, differs: [...byFrontend].filter(([, s]) => s.size > 1).map(([f]) => f) };
}
