// Drift as text (for `lbtop drift`, the DRIFT view and test messages) and as stable JSON (`lbtop drift --json`).
import type { DriftItem, DriftReport } from '../model/drift.js';

export function driftLine(item: DriftItem): string {
  if (item.kind === 'server') {
    const what = item.field === 'admin' ? `runtime ${item.runtime.toUpperCase()}, haproxy.cfg ${item.disk.toUpperCase()}` : `runtime weight ${item.runtime}, haproxy.cfg weight ${item.disk}`;
    return `${item.lb}  server ${item.backend}/${item.server} (cfg line ${item.line}): ${what}`;
  }
  const parts = [
    item.runtimeOnly.length ? `${item.runtimeOnly.length} only at runtime` : '',
    item.diskOnly.length ? `${item.diskOnly.length} only on disk` : '',
    item.changed.length ? `${item.changed.length} changed` : '',
    item.orderOnly ? 'same entries, other order' : '',
  ].filter(Boolean);
  return `${item.lb}  ${item.table} ${item.file}: ${parts.join(', ')}`;
}

export function driftDetail(item: DriftItem): string[] {
  if (item.kind === 'server') return [];
  const v = (value?: string) => (value === undefined ? '' : ` ${value}`);
  return [
    ...item.runtimeOnly.map((e) => `    runtime only: ${e.key}${v(e.value)}   (a reload drops it)`),
    ...item.diskOnly.map((e) => `    disk only:    ${e.key}${v(e.value)}   (a reload brings it back)`),
    ...item.changed.map((c) => `    changed:      ${c.key}  runtime ${c.runtime}, disk ${c.disk}`),
  ];
}

export function formatDrift(report: DriftReport): string {
  const lines: string[] = [];
  for (const lb of report.lbs) {
    if (!lb.checked) lines.push(`${lb.lb}: NOT CHECKED: ${lb.error ?? 'unknown'}`);
    else if (lb.serverStateFile) lines.push(`${lb.lb}: server-state-file in use: server states survive a reload if they are saved before it`);
  }
  if (report.items.length === 0) lines.push(report.lbs.every((l) => l.checked) ? 'No drift: a reload would change nothing lbtop can see.' : 'No drift on the LBs that could be checked.');
  else lines.push(`${report.items.length} difference${report.items.length === 1 ? '' : 's'} a reload would revert:`);
  for (const item of report.items) lines.push(`  ${driftLine(item)}`, ...driftDetail(item));
  return lines.join('\n');
}

export function driftJson(report: DriftReport): unknown {
  return { lbs: report.lbs, items: report.items, drift: report.items.length > 0 };
}
