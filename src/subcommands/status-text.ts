// `lbtop status` without --json: the same snapshot as aligned text, one block per cluster.
import type { Fleet } from '../model/fleet.js';
import { statusColumns, type StatusRow } from '../present/columns/status.js';
import { textTable } from '../present/text-table.js';

export function statusText(fleet: Fleet): string {
  const lines: string[] = [];
  for (const lb of fleet.lbs) {
    const state = lb.ok ? `ok  ${lb.version ?? ''}  ${lb.latencyMs ?? '?'} ms` : `DOWN  ${lb.error ?? 'not polled'}`;
    lines.push(`LB ${lb.name.padEnd(12)} ${lb.endpoint}  ${state}`);
  }
  for (const cluster of fleet.clusters) {
    lines.push('', `${cluster.implicit ? 'group' : 'cluster'} ${cluster.name}  (${cluster.lbs.join(', ') || 'no LB'})`);
    const rows: StatusRow[] = cluster.backends.flatMap((backend) => [
      { name: backend.name, server: false, perLb: Object.fromEntries(cluster.lbs.flatMap((lb) => (backend.perLb[lb] ? [[lb, backend.perLb[lb].status]] : []))) },
      ...backend.servers.map((server) => ({
        name: server.name,
        server: true,
        perLb: Object.fromEntries(cluster.lbs.flatMap((lb) => (server.perLb[lb] ? [[lb, `${server.perLb[lb].row.status} ${server.perLb[lb].row.scur ?? 0}`]] : []))),
      })),
    ]);
    lines.push(...textTable(statusColumns(cluster.lbs), rows, undefined, { atLeast: true }));
  }
  return lines.join('\n');
}
