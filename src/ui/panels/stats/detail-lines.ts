// The detail pane of one table row, as lines (pure): its trends over the last polls (sparkline, min, max, last),
// its values on each LB, and its state changes from the timeline, newest first.
import type { TimelineEvent } from '../../../model/events.js';
import type { Metric, TrendReader } from '../../../store/trends.js';
import type { Token } from '../../../theme/tokens.js';
import { statusToken } from '../../columns/common.js';
import { lbStatColumns } from '../../../present/columns/lb-stats.js';
import { clock, count, fit } from '../../../present/format.js';
import { lineText } from '../../../present/line.js';
import { fitColumns, headerLine, rowLine } from '../../../present/table.js';
import { sparkline, summary } from '../../columns/sparkline.js';
import { trendRows } from '../../columns/trend.js';
import type { TableRow } from '../../rows/types.js';

export interface DetailLine {
  text: string;
  token?: Token;
}

export interface DetailContext {
  trends?: TrendReader;
  /** The timeline, oldest first (the store's order). */
  events: readonly TimelineEvent[];
  width: number;
  /** Lines the pane has; the state changes get what the rest leaves. */
  height: number;
  ascii?: boolean;
}

const METRIC_LABELS: readonly [Metric, string][] = [['rate', 'SESS/s'], ['err5xx', '5XX/s'], ['qcur', 'QUEUE']];

/** A rate or gauge as the pane shows it: "—" for unknown, at most three significant digits past the point. */
export function num(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (Number.isInteger(v) || Math.abs(v) >= 100) return count(Math.round(v));
  return String(Number(v.toFixed(Math.abs(v) >= 10 ? 1 : 2)));
}

/** Lines the pane wants for a row on `lbs` LBs: title, three trends, the LB table, and a few state changes. */
export function detailHeight(lbs: number): number {
  return 1 + METRIC_LABELS.length + 1 + lbs + 1 + 4;
}

export function detailLines(row: TableRow, ctx: DetailContext): DetailLine[] {
  const kind = row.kind === 'sublb' ? `server on ${row.lb}` : row.kind;
  const subject = row.kind === 'server' || row.kind === 'sublb' ? `${row.backend}/${row.server}` : row.ref;
  const rule = ctx.ascii ? '-' : '─';
  const title = `${rule}${rule} ${subject} (${kind}) `;
  const lines: DetailLine[] = [{ text: title + rule.repeat(Math.max(0, ctx.width - title.length - 12)) + ' Esc closes', token: 'dialog.title' }];

  const length = ctx.trends?.length ?? 0;
  const width = Math.max(8, Math.min(length, ctx.width - 50));
  const values = new Float32Array(length);
  const perLb = new Map<string, number>();
  for (const [metric, label] of METRIC_LABELS) {
    const known = length > 0 && ctx.trends!.series(trendRows(row), metric, values);
    if (!known) {
      lines.push({ text: `${fit(label, 7, 'left')} no history (no poll of this row yet)`, token: 'text.dim' });
      continue;
    }
    const shown = values.subarray(length - width);
    const s = summary(values);
    lines.push({ text: `${fit(label, 7, 'left')} ${sparkline(shown, ctx.ascii)}  min ${num(s.min)}  max ${num(s.max)}  last ${num(s.last)}  (${s.known} polls)` });
  }
  // Each LB's own newest 5xx rate, next to its other numbers.
  const one = new Float32Array(1);
  for (const s of row.stats) if (ctx.trends?.series([{ lb: s.lb, proxy: s.row.proxy, name: s.row.name }], 'err5xx', one)) perLb.set(s.lb, one[0]!);

  const columns = fitColumns(lbStatColumns, Infinity);
  lines.push({ text: lineText(headerLine(columns)), token: 'table.header' });
  for (const s of row.stats) {
    // One colour for the whole line: the LB's state there.
    const token = s.stale ? 'cell.stale' : statusToken(s.row.status) === 'status.down' ? 'status.down' : undefined;
    lines.push({ text: lineText(rowLine(columns, s, { err5xx: perLb, num })), token });
  }

  lines.push({ text: 'STATE CHANGES (newest first)', token: 'table.header' });
  const room = Math.max(1, ctx.height - lines.length);
  const changes = changesOf(row, ctx.events, room);
  if (changes.length === 0) lines.push({ text: 'none seen since lbtop started', token: 'text.dim' });
  for (const e of changes) lines.push({ text: `${clock(e.at)} ${fit(e.lb, 10, 'left')} ${e.kind}: ${e.from || '—'} → ${e.to || '—'}${e.detail ? `  ${e.detail}` : ''}` });
  return lines.slice(0, Math.max(1, ctx.height));
}

/** The row's events, newest first, at most `limit`: by subject ("backend/server", or the proxy), on its LBs. */
function changesOf(row: TableRow, events: readonly TimelineEvent[], limit: number): TimelineEvent[] {
  const subject = row.kind === 'server' || row.kind === 'sublb' ? `${row.backend}/${row.server}` : row.ref;
  const lbs = new Set(row.stats.map((s) => s.lb));
  const out: TimelineEvent[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
    const e = events[i]!;
    if (e.subject === subject && (lbs.has(e.lb) || e.kind === 'action')) out.push(e);
  }
  return out;
}
