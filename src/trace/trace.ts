// Route trace: which backend HAProxy picks for a request, and why, from the parsed config and the live contents
// of its maps and ACL files. Pure. Order of evaluation, as in HAProxy 2.6 (stream.c, http_ana.c):
//   1. tcp-request connection, then tcp-request content rules: `reject` ends the connection, `accept` ends
//      that rule set;
//   2. in HTTP mode, http-request rules: deny/return/redirect/... answer the request before any switching;
//      `allow` ends the rule set; rewrites of Host or path are not simulated (the trace says so);
//   3. use_backend rules top to bottom, the first whose condition holds wins. A dynamic name
//      (`%[req.hdr(host),lower,map_dom(FILE,be_default)]`) that does not name a backend (no map entry and no
//      default, or a value naming no backend) does NOT fall through to the next rule: HAProxy stops the
//      switching rules and uses default_backend (checked against the real binary);
//   4. default_backend; a listen section without one serves the request itself; a frontend has no backend (503).
// A host name alone cannot tell which frontend it reaches: a trace naming a port (`HOST:PORT/PATH`) traces the
// frontends bound to that port (HAProxy cannot tell them apart either when several bind it: the kernel spreads
// connections between them), otherwise every HTTP frontend (and the TCP ones when an SNI is given), unless the
// caller names one. A dynamic name is built as log-format builds it: a sample without a value adds nothing
// (use_backend's format has no "mandatory" flag, so no "-"), and a name naming no backend means default_backend.
import type { HaproxyConfig, ProxySection, RequestRule } from '../model/haproxy-config.js';
import type { FrontendTrace, PatternTables, RouteTrace, SampleEval, TraceRequest, TraceStep, Tri } from '../model/trace.js';
import { bindsPort, portFor } from './bind-ports.js';
import { evaluateCondition } from './conditions.js';
import { evaluateSample, type SampleContext } from './samples.js';

export interface TraceOptions {
  /** Live map and ACL contents by file name (`show map FILE` / `show acl FILE`), in load order. */
  tables: PatternTables;
  /** Trace only this frontend or listen section. */
  frontend?: string;
  /** The LB's HAProxy version (`show info`), for the converters whose result depends on it. */
  version?: string;
}

const STOPS_HTTP = new Set(['deny', 'reject', 'tarpit', 'return', 'redirect', 'auth', 'silent-drop', 'use-service']);
const STOPS_TCP = new Set(['reject', 'silent-drop']);
const REWRITES = new Set(['set-path', 'replace-path', 'set-pathq', 'replace-pathq', 'set-uri', 'replace-uri']);
const HEADER_EDITS = new Set(['set-header', 'add-header', 'del-header', 'replace-header', 'replace-value']);

export function traceRoute(config: HaproxyConfig, request: TraceRequest, options: TraceOptions): RouteTrace {
  const entries = config.proxies.filter((p) => (p.kind === 'frontend' || p.kind === 'listen') && !p.disabled);
  const port = request.port;
  const chosen = options.frontend !== undefined
    ? entries.filter((p) => p.name === options.frontend)
    : port !== undefined
      ? entries.filter((p) => bindsPort(p, port))
      : entries.filter((p) => p.effectiveMode === 'http' || request.sni !== undefined);
  const frontends = chosen.map((p) => traceFrontend(config, p, request, options.tables, options.version));
  if (chosen.length === 0 && port !== undefined && options.frontend === undefined) return { request, frontends, note: `no frontend binds port ${port}` };
  return { request, frontends };
}

function condText(rule: { condition: { text: string } | null }): string {
  return rule.condition ? ` ${rule.condition.text}` : '';
}

export function traceFrontend(config: HaproxyConfig, proxy: ProxySection, request: TraceRequest, tables: PatternTables, version?: string): FrontendTrace {
  const ctx: SampleContext = {
    request, mode: proxy.effectiveMode, ssl: proxy.binds.some((b) => b.ssl), tables, forAcl: false, port: portFor(proxy, request.port), ...(version ? { version } : {}),
  };
  const trace: FrontendTrace = { frontend: proxy.name, line: proxy.line, mode: proxy.effectiveMode, steps: [], outcome: { kind: 'none', reason: '' }, certain: true, uncertainties: [] };
  const doubt = (why: string) => {
    trace.certain = false;
    trace.uncertainties.push(why);
  };
  const applies = (rule: { condition: RequestRule['condition'] }) => {
    const condition = rule.condition ? evaluateCondition(rule.condition, proxy, ctx) : null;
    return { condition, applied: (condition ? condition.result : true) as Tri };
  };

  const layers: RequestRule['directive'][] = ['tcp-request connection', 'tcp-request content'];
  if (proxy.effectiveMode === 'http') layers.push('http-request');
  for (const layer of layers) {
    for (const rule of proxy.requestRules.filter((r) => r.directive === layer)) {
      const { condition, applied } = applies(rule);
      const text = `${rule.directive} ${[rule.action, ...rule.args].join(' ')}${condText(rule)}`;
      const kind = layer === 'http-request' ? 'http-request' : 'tcp-request';
      const stops = (layer === 'http-request' ? STOPS_HTTP : STOPS_TCP).has(rule.action);
      const ends = rule.action === 'accept' || rule.action === 'allow';
      const rewrites = REWRITES.has(rule.action) || (HEADER_EDITS.has(rule.action) && rule.args[0]?.toLowerCase() === 'host');
      const step: TraceStep = { line: rule.line, kind, text, condition, applied, why: '' };
      trace.steps.push(step);
      if (applied === false) {
        step.why = 'condition false: skipped';
        continue;
      }
      if (applied === 'unknown' && (stops || ends || rewrites)) doubt(`line ${rule.line}: cannot tell whether "${text}" applies`);
      if (stops && applied === true) {
        step.why = `${rule.action}: the request is answered here, before any use_backend`;
        trace.outcome = { kind: 'stopped', by: text, line: rule.line };
        return trace;
      }
      if (rewrites) doubt(`line ${rule.line}: "${rule.action}" may rewrite Host or path before routing; lbtop does not simulate it`);
      step.why = ends ? `${rule.action}: ends the ${layer} rules` : stops ? 'might stop the request' : 'does not decide the route';
      if (ends && applied === true) break;
    }
  }

  const backends = new Set(config.proxies.filter((p) => p.kind === 'backend' || p.kind === 'listen').map((p) => p.name));
  for (const rule of proxy.useBackend) {
    const { condition, applied } = applies(rule);
    const step: TraceStep = { line: rule.line, kind: 'use_backend', text: `use_backend ${rule.target}${condText(rule)}`, condition, applied, why: '' };
    trace.steps.push(step);
    if (applied === false) {
      step.why = 'condition false: next rule';
      continue;
    }
    if (applied === 'unknown') {
      doubt(`line ${rule.line}: cannot tell whether the condition of "use_backend ${rule.target}" holds`);
      step.why = 'condition unknown: traced as false';
      continue;
    }
    const name = rule.dynamic ? buildName(rule.dynamic, ctx, step) : rule.target;
    if (name === undefined) {
      doubt(`line ${rule.line}: the backend name of "use_backend ${rule.target}" cannot be computed`);
      step.why = 'name unknown';
      break;
    }
    if (backends.has(name)) {
      step.why = rule.dynamic ? `the name evaluates to ${name}` : `condition true: ${name}`;
      trace.outcome = { kind: 'backend', backend: name, via: 'use_backend', line: rule.line };
      return trace;
    }
    // A dynamic name that names no backend: HAProxy leaves the switching rules for the default backend.
    const empty = step.dynamic?.samples.find((x) => x.values === null);
    step.why = name === '' ? 'the name is empty (its sample has no value): HAProxy uses the default backend'
      : `no backend named "${name}"${empty ? ` (${empty.text} has no value)` : ''}: HAProxy uses the default backend`;
    break;
  }
  return finish(trace, proxy);
}

/** Builds a dynamic backend name as log-format does (a sample without a value adds nothing); undefined when
 * lbtop cannot tell. */
function buildName(parts: NonNullable<ProxySection['useBackend'][number]['dynamic']>, ctx: SampleContext, step: TraceStep): string | undefined {
  const samples: SampleEval[] = [];
  let name: string | undefined = '';
  for (const part of parts) {
    if ('literal' in part) {
      if (name !== undefined) name += part.literal;
    } else if ('variable' in part) {
      name = undefined;
    } else {
      const value = evaluateSample(part.sample, ctx);
      samples.push(value);
      if (value.unknown) name = undefined;
      else if (name !== undefined && value.values !== null) name += value.values[0];
    }
  }
  step.dynamic = { name: name ?? null, samples };
  return name;
}

function finish(trace: FrontendTrace, proxy: ProxySection): FrontendTrace {
  if (proxy.defaultBackend) {
    const { line, name } = proxy.defaultBackend;
    trace.steps.push({ line, kind: 'default_backend', text: `default_backend ${name}`, condition: null, applied: true, why: 'no use_backend rule chose a backend' });
    trace.outcome = { kind: 'backend', backend: name, via: 'default_backend', line };
  } else if (proxy.kind === 'listen') {
    trace.outcome = { kind: 'backend', backend: proxy.name, via: 'listen', line: proxy.line };
  } else {
    trace.outcome = { kind: 'none', reason: 'no rule matched and the frontend has no default_backend: HAProxy answers 503' };
  }
  return trace;
}
