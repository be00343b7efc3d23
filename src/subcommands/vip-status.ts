// `lbtop vip status`: every VIP row (instance × VIP) with each LB's daemon state and priority, the kernels'
// holder and alarms; and the BIRD protocols per host. Text for people, JSON (stable fields) for scripts.
import type { FailoverState } from '../store/failover-store.js';
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

export function vipStatusText(state: FailoverState): string {
  const lines: string[] = [];
  const lbs = [...new Set(state.vips.flatMap((r) => Object.keys(r.perLb)))];
  lines.push(['VIP'.padEnd(16), 'INSTANCE'.padEnd(24), 'CLUSTER'.padEnd(12), ...lbs.map((lb) => lb.padEnd(20)), 'HELD BY'].join(' '));
  for (const r of state.vips) {
    const cells = lbs.map((lb) => {
      const s = r.perLb[lb];
      return (s ? `${s.state}${s.effectivePriority !== null ? ` ${s.effectivePriority}` : ''}` : '-').padEnd(20);
    });
    const held = r.verdict.kind === 'unknown' ? '?' : [...new Set(r.verdict.holders.map((h) => h.host))].join('+') || 'NOBODY';
    lines.push([r.vip.padEnd(16), r.instance.padEnd(24), (r.cluster ?? '-').padEnd(12), ...cells, held].join(' '));
    if (r.verdict.alarm) lines.push(`  ALARM: ${r.verdict.message}`);
    if (r.resource) lines.push(`  ${r.verdict.message}`);
  }
  if (state.vips.length === 0) lines.push('(no VIP read yet)');
  for (const h of state.hosts) {
    for (const k of ['keepalived', 'heartbeat', 'bird', 'addresses'] as const) {
      const s = h[k];
      if (s?.error) lines.push(`${h.lb}: ${k}: ${s.error}${s.stale ? ' (showing the last good reading)' : ''}`);
    }
    const bird = h.bird?.value;
    if (bird) {
      lines.push(`${h.lb}: BIRD ${bird.version ?? ''}`.trimEnd());
      for (const p of bird.protocols) {
        lines.push(`  ${p.name.padEnd(14)} ${p.proto.padEnd(8)} ${p.state.padEnd(6)} ${p.since.padEnd(20)} imported ${importedRoutes(bird, p.name) ?? '-'} exported ${exportedRoutes(bird, p.name) ?? '-'}  ${p.info}`);
      }
    }
  }
  return lines.join('\n');
}
