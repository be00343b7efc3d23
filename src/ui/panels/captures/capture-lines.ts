// The CAPTURES panel's lines: one per captured request/response (per LB, newest first), and the selected one's
// dump as HAProxy printed it with a `^` under the byte where its parser stopped.
import type { FleetErrors } from '../../../actions/errors-read.js';
import { captureColumns, type CaptureRow } from '../../../present/columns/captures.js';
import { lineText } from '../../../present/line.js';
import { fitColumns, headerLine, rowLine } from '../../../present/table.js';
import { captureWithMark } from '../../../sources/haproxy/errors/parse-show-errors.js';
import type { Line } from '../../components/ScrollText.js';

export type { CaptureRow } from '../../../present/columns/captures.js';

const COLUMNS = fitColumns(captureColumns, Infinity);

export const CAPTURE_HEADER: Line = headerLine(COLUMNS);

export function captureRows(reads: readonly FleetErrors[] | null, lb: string | null): CaptureRow[] {
  return (reads ?? []).flatMap((r) => ('read' in r && (lb === null || r.lb === lb) ? r.read.captures.map((c) => ({ ...c, lb: r.lb })) : []));
}

export function captureLine(c: CaptureRow, selected: boolean): Line {
  return [{ text: lineText(rowLine(COLUMNS, c)), ...(selected ? { token: 'row.selected' as const } : {}) }];
}

export function dumpLines(c: CaptureRow | null): Line[] {
  if (!c) return [];
  const other = [c.peer && `${c.direction === 'request' ? 'backend' : 'frontend'} ${c.peer}`, c.server && `server ${c.server}`].filter(Boolean).join(', ');
  return [
    [{ text: `${c.lb}: ${c.direction} rejected by ${c.direction === 'request' ? 'frontend' : 'backend'} ${c.proxy}${other ? ` (${other})` : ''}, error at byte ${c.errorAt ?? '?'}`, token: 'dialog.title' }],
    ...captureWithMark(c).map((l): Line => [{ text: `  ${l.text}`, ...(l.mark ? { token: 'dialog.danger' as const } : {}) }]),
  ];
}

export function totals(reads: readonly FleetErrors[] | null): Line[] {
  return (reads ?? []).map((r) => ('error' in r ? [{ text: `${r.lb}: NOT READ: ${r.error}`, token: 'header.down' as const }] : [{ text: `${r.lb}: ${r.read.captures.length} kept, ${r.read.total ?? '?'} since start${r.read.problems.length ? ` · ${r.read.problems.join('; ')}` : ''}`, token: 'text.dim' as const }]));
}
