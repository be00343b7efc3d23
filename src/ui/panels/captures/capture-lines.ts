// The CAPTURES panel's lines: one per captured request/response (per LB, newest first), and the selected one's
// dump as HAProxy printed it with a `^` under the byte where its parser stopped.
import type { FleetErrors } from '../../../actions/errors-read.js';
import type { ErrorCapture } from '../../../model/sessions.js';
import { captureWithMark } from '../../../sources/haproxy/errors/parse-show-errors.js';
import { fit } from '../../columns/format.js';
import type { Line } from '../../components/ScrollText.js';

export type CaptureRow = ErrorCapture & { lb: string };

export const CAPTURE_HEADER: Line = [
  { text: `${fit('LB', 10, 'left')} ${fit('WHEN', 24, 'left')} ${fit('EVENT', 6, 'right')} ${fit('SIDE', 8, 'left')} ${fit('PROXY', 20, 'left')} ${fit('SOURCE', 22, 'left')} PARSER AT`, token: 'table.header' },
];

export function captureRows(reads: readonly FleetErrors[] | null, lb: string | null): CaptureRow[] {
  return (reads ?? []).flatMap((r) => ('read' in r && (lb === null || r.lb === lb) ? r.read.captures.map((c) => ({ ...c, lb: r.lb })) : []));
}

export function captureLine(c: CaptureRow, selected: boolean): Line {
  const text = `${fit(c.lb, 10, 'left')} ${fit(c.when, 24, 'left')} ${fit(`#${c.event}`, 6, 'right')} ${fit(c.direction, 8, 'left')} ${fit(c.proxy, 20, 'left')} ${fit(c.source ?? '-', 22, 'left')} ${c.parserState ?? '-'}`;
  return [{ text, ...(selected ? { token: 'row.selected' as const } : {}) }];
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
