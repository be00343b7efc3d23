// `lbtop status` without --json: the same snapshot as aligned text, one block per cluster.
import type { Fleet } from '../model/fleet.js';

export function statusText(fleet: Fleet): string {
  const lines: string[] = [];
  for (const lb of fleet.lbs) {
    const state = lb.ok ? `ok  ${lb.version ?? ''}  ${lb.latencyMs ?? '?'} ms` : `DOWN  ${lb.error ?? 'not polled'}`;
    lines.push(`LB ${lb.name.padEnd(12)} ${lb.endpoint}  ${state}`);
  }
  for (const cluster of fleet.clusters) {
    lines.push('', `${cluster.implicit ? 'group' : 'cluster'} ${cluster.name}  (${cluster.lbs.join(', ') || 'no LB'})`);
    const lbs = cluster.lbs;
    const header = ['', ...lbs].map((h, i) => (i === 0 ? ''.padEnd(40) : h.padEnd(12))).join(' ');
    lines.push(`  ${header}`);
    for (const backend of cluster.backends) {
      lines.push(`  ${backend.name.padEnd(40)} ${lbs.map((lb) => (backend.perLb[lb]?.status ?? '-').padEnd(12)).join(' ')}`);
      for (const server of backend.servers) {
        const cells = lbs.map((lb) => {
          const on = server.perLb[lb];
          return (on ? `${on.row.status} ${on.row.scur ?? 0}` : '-').padEnd(12);
        });
        lines.push(`    ${server.name.padEnd(38)} ${cells.join(' ')}`);
      }
    }
  }
  return lines.join('\n');
}
