// `lbtop vip status`: every VIP row (instance × VIP) with each LB's daemon state and priority, the kernels'
// holder and alarms; and the BIRD protocols per host. Text for people (the TUI's VIPS and BGP columns), JSON
// (stable fields) for scripts.
import type { FailoverState } from '../store/failover-store.js';
import { bgpColumns, bgpRows } from '../present/columns/bgp.js';
import { truthColumn, vipColumns, vipLbs } from '../present/columns/vips.js';
import { textTable } from '../present/text-table.js';
import { exportedRoutes, importedRoutes } from '../sources/bird/collect.js';

export function vipStatusJson(state: FailoverState) {
  return {
    vips: state.vips.map((r) => ({
      vip: r.vip,
      instance: r.instance,
      stack: r.stack,
      cluster: r.cluster,
      owner: r.verdict.holders.length === 1 ? r.verdict.holders[0]!.host : null,
      holders: [...new Set(r.verdict.holders.map((h) => h.host))],
      verdict: r.verdict.kind,
      alarm: r.verdict.alarm,
      message: r.verdict.message,
      lbs: r.perLb,
    })),
    hosts: state.hosts.map((h) => ({
      lb: h.lb,
      errors: Object.fromEntries(
        (['keepalived', 'heartbeat', 'bird', 'addresses'] as const).flatMap((k) => (h[k]?.error ? [[k, h[k]!.error]] : [])),
      ),
      bird: h.bird?.value
        ? h.bird.value.protocols.map((p) => ({ ...p, imported: importedRoutes(h.bird!.value!, p.name), exported: exportedRoutes(h.bird!.value!, p.name) }))
        : null,
    })),
  };
}

/** The VIPS and BGP tables of the TUI with their columns (src/present/columns), sized to their content. */
export function vipStatusText(state: FailoverState): string {
  const lines: string[] = [];
  // TRUTH goes on a line of its own under the row: a terminal would cut it at the end of a long row.
  const columns = vipColumns(vipLbs(state.vips)).filter((c) => c !== truthColumn);
  const [head, ...rows] = textTable(columns, state.vips, { width: Infinity }, { atLeast: true });
  lines.push(head!);
  state.vips.forEach((r, i) => {
    lines.push(rows[i]!);
    if (r.verdict.alarm) lines.push(`  ALARM: ${r.verdict.message}`);
    if (r.resource) lines.push(`  ${r.verdict.message}`);
  });
  if (state.vips.length === 0) lines.push('(no VIP read yet)');
  for (const h of state.hosts) {
    for (const k of ['keepalived', 'heartbeat', 'bird', 'addresses'] as const) {
      const s = h[k];
      if (s?.error) lines.push(`${h.lb}: ${k}: ${s.error}${s.stale ? ' (showing the last good reading)' : ''}`);
    }
    const bird = h.bird?.value;
    if (bird) lines.push(`${h.lb}: BIRD ${bird.version ?? ''}`.trimEnd());
  }
  const protocols = bgpRows(state);
  if (protocols.length) lines.push(...textTable(bgpColumns, protocols, undefined));
  return lines.join('\n');
}
