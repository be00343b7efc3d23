// `lbtop sessions` and `lbtop errors` as text and JSON: pure functions from what was read to what is printed. The
// sessions table has the SESSIONS panel's columns (src/present/columns/sessions.ts).
import type { FleetErrors } from '../actions/errors-read.js';
import { sessionRows, type FleetSessions } from '../actions/session-read.js';
import type { ErrorCapture } from '../model/sessions.js';
import { captureWithMark } from '../sources/haproxy/errors/parse-show-errors.js';
import { sessionColumns } from '../present/columns/sessions.js';
import { textTable } from '../present/text-table.js';

export function sessionsText(reads: readonly FleetSessions[]): string {
  const rows = sessionRows(reads);
  const lines: string[] = [];
  if (rows.length > 0) {
    lines.push(...textTable(sessionColumns, rows, { exactBytes: true }, { gap: '  ' }));
  }
  lines.push(`${rows.length} sessions on ${reads.filter((r) => 'read' in r).length} LBs`);
  for (const r of reads) {
    if ('error' in r) lines.push(`${r.lb}: NOT READ: ${r.error}`);
    else for (const note of r.read.notes) lines.push(`${r.lb}: ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

export function sessionsJson(reads: readonly FleetSessions[]): unknown {
  return {
    sessions: sessionRows(reads),
    lbs: reads.map((r) => ('error' in r ? { lb: r.lb, ok: false, error: r.error } : { lb: r.lb, ok: true, commands: r.read.commands, notes: r.read.notes })),
  };
}

export function captureHead(c: ErrorCapture): string {
  const by = c.direction === 'request' ? `frontend ${c.proxy}` : `backend ${c.proxy}`;
  const other = [c.peer && (c.direction === 'request' ? `backend ${c.peer}` : `frontend ${c.peer}`), c.server && `server ${c.server}`].filter(Boolean).join(', ');
  return `[${c.when}] event #${c.event}: ${c.direction} rejected by ${by}${other ? ` (${other})` : ''} from ${c.source ?? '?'}${c.parserState ? `, parser at ${c.parserState}` : ''}`;
}

export function errorsText(reads: readonly FleetErrors[]): string {
  const lines: string[] = [];
  for (const r of reads) {
    if ('error' in r) {
      lines.push(`== ${r.lb}: NOT READ: ${r.error}`, '');
      continue;
    }
    lines.push(`== ${r.lb}: ${r.read.captures.length} captures shown, ${r.read.total ?? '?'} errors since HAProxy started`);
    for (const c of r.read.captures) lines.push(captureHead(c), ...captureWithMark(c).map((l) => `  ${l.text}`), '');
    for (const p of r.read.problems) lines.push(`  ! ${p}`);
    if (r.read.captures.length === 0) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export function errorsJson(reads: readonly FleetErrors[]): unknown {
  return reads.map((r) =>
    'error' in r
      ? { lb: r.lb, ok: false, error: r.error }
      : { lb: r.lb, ok: true, total: r.read.total, problems: r.read.problems, captures: r.read.captures.map((c) => ({ ...c, lines: undefined, dump: captureWithMark(c).map((l) => l.text) })) },
  );
}
