// The node drain progress as lines: a status line (left, elapsed, timeout), then one row per drained
// (LB, backend/server) with sessions and queue now, where they started, and a bar that empties as they fall.
import { plain, type Line } from '../components/ScrollText.js';
import { fit, stopwatch } from '../columns/format.js';
import type { DrainFollow } from './useDrainProgress.js';

const BAR = 10;

export function drainStatus(f: DrainFollow, now: number): Line {
  const p = f.progress;
  const end = f.finished ? p.at : Math.max(now, p.at);
  const elapsed = `elapsed ${stopwatch(end - (f.startedAt ?? p.at))}`;
  const timeout = f.timeoutMs !== undefined ? ` · timeout ${stopwatch(f.timeoutMs)}` : '';
  const verb = f.action === 'maint' ? 'maint' : 'drain';
  if (p.done) {
    const offer = f.action === 'maint' ? '' : ' · m puts it in maintenance';
    return plain(`${verb} ${f.node}: DRAINED, no sessions or queue left · ${elapsed}${offer}`, 'header.ok');
  }
  if (f.finished) return plain(`${verb} ${f.node}: TIMEOUT, ${p.left ?? '?'} session(s)/queued still left · ${elapsed}${timeout} · x ends the sessions left${f.action === 'maint' ? '' : ' · m maint anyway'}`, 'header.down');
  return plain(`${verb} ${f.node}: ${p.left ?? '?'} session(s)/queued left · ${elapsed}${timeout} · following…`, 'header.stale');
}

export function drainRows(f: DrainFollow): Line[] {
  const lines: Line[] = [[{ text: `${fit('LB', 12, 'left')} ${fit('BACKEND/SERVER', 28, 'left')} ${fit('SCUR', 6, 'right')} ${fit('QCUR', 6, 'right')} ${fit('START', 6, 'right')}  LEFT`, token: 'table.header' }]];
  for (const r of f.progress.rows) {
    const start = f.first.rows.find((s) => s.lb === r.lb && s.backend === r.backend && s.server === r.server);
    const was = (start?.scur ?? 0) + (start?.qcur ?? 0);
    const left = r.scur === null ? null : r.scur + (r.qcur ?? 0);
    const filled = left === null ? 0 : was === 0 ? 0 : Math.min(BAR, Math.ceil((left / was) * BAR));
    const bar = left === null ? '?'.padEnd(BAR) : '█'.repeat(filled) + '·'.repeat(BAR - filled);
    const num = (n: number | null) => fit(n === null ? '?' : String(n), 6, 'right');
    lines.push([
      { text: `${fit(r.lb, 12, 'left')} ${fit(`${r.backend}/${r.server}`, 28, 'left')} ${num(r.scur)} ${num(r.qcur)} ${fit(String(was), 6, 'right')}  ` },
      { text: bar, token: left === 0 ? 'header.ok' : 'header.stale' },
      ...(r.error ? [{ text: `  ${r.error}`, token: 'header.down' as const }] : []),
    ]);
  }
  return lines;
}
