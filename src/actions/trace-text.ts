// A fleet trace as text: per LB and frontend the outcome and the why (explainFrontend), the chosen backend's
// servers with their live state, and a warning when the LBs disagree.
import { explainFrontend } from '../trace/explain.js';
import type { FrontendTrace } from '../model/trace.js';
import type { FleetTrace } from './trace-read.js';

export function formatFleetTrace(t: FleetTrace, verbose = true): string {
  const r = t.request;
  const lines = [`Trace: Host ${r.host ?? '(none)'} path ${r.path ?? '/'}${r.port !== undefined ? ` port ${r.port}` : ''}${r.sni ? ` SNI ${r.sni}` : ''}`];
  if (t.differs.length > 0) lines.push(`! the LBs DISAGREE on: ${t.differs.join(', ')}`);
  for (const l of t.lbs) {
    lines.push('', `== ${l.lb}${l.error ? `: cannot trace: ${l.error}` : ''}`);
    if (l.trace?.note) lines.push(`  ${l.trace.note}`);
    for (const f of l.trace?.frontends ?? []) {
      lines.push(`  ${f.frontend} → ${outcomeText(f)}${f.certain ? '' : ' (uncertain)'}`);
      if (verbose) lines.push(...explainFrontend(f).slice(1).map((x) => `  ${x}`));
      if (f.outcome.kind === 'backend') {
        const servers = l.servers[f.outcome.backend] ?? [];
        lines.push(`    servers: ${servers.length ? servers.map((s) => `${s.server} ${s.state}`).join(', ') : '(none)'}`);
      }
    }
  }
  return lines.join('\n');
}

/** Where a frontend sends the request. Here, not in trace-read.ts, so the TUI can show a trace without loading the
 * trace engine (HAProxy's config parser, its regexes) until a trace is asked for. */
export function outcomeText(f: FrontendTrace): string {
  const o = f.outcome;
  return o.kind === 'backend' ? o.backend : o.kind === 'stopped' ? `answered by ${o.by}` : 'no backend (503)';
}
