// The node drain progress as lines: a status line (left, elapsed, timeout), then one row per drained
// (LB, backend/server) with sessions and queue now, where they started, and a bar that empties as they fall
// (the columns: src/present/columns/drain.ts).
import { plain, type Line } from '../components/ScrollText.js';
import { drainColumns } from '../../present/columns/drain.js';
import { stopwatch } from '../../present/format.js';
import { fitColumns, headerLine, rowLine } from '../../present/table.js';
import type { DrainFollow } from './useDrainProgress.js';

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
  const columns = fitColumns(drainColumns, Infinity);
  const rows = f.progress.rows.map((r) => {
    const start = f.first.rows.find((s) => s.lb === r.lb && s.backend === r.backend && s.server === r.server);
    return { ...r, was: (start?.scur ?? 0) + (start?.qcur ?? 0) };
  });
  return [headerLine(columns), ...rows.map((r) => rowLine(columns, r))];
}
