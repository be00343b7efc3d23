// The SESSIONS panel's rows as lines: one per session (LB, id, client, server, age, state, bytes), oldest first;
// the columns are `lbtop sessions`' (src/present/columns/sessions.ts).
import type { FleetSessions } from '../../../actions/session-read.js';
import { sessionRows } from '../../../actions/session-read.js';
import { sessionColumns, type SessionRow } from '../../../present/columns/sessions.js';
import { lineText } from '../../../present/line.js';
import { fitColumns, headerLine, rowLine } from '../../../present/table.js';
import type { Line } from '../../components/ScrollText.js';

export type { SessionRow } from '../../../present/columns/sessions.js';

const COLUMNS = fitColumns(sessionColumns, Infinity);

export const SESSION_HEADER: Line = headerLine(COLUMNS);

export function sessionLine(s: SessionRow, selected: boolean): Line {
  return [{ text: lineText(rowLine(COLUMNS, s, {})), ...(selected ? { token: 'row.selected' as const } : {}) }];
}

export function rowsOf(reads: readonly FleetSessions[] | null): SessionRow[] {
  return reads ? sessionRows(reads) : [];
}

/** "lb2: not read (…)", and the notes (byte counts skipped): shown under the list. */
export function readNotes(reads: readonly FleetSessions[] | null): Line[] {
  return (reads ?? []).flatMap((r): Line[] => ('error' in r ? [[{ text: `${r.lb}: NOT READ: ${r.error}`, token: 'header.down' }]] : r.read.notes.map((n): Line => [{ text: `${r.lb}: ${n}`, token: 'text.dim' }])));
}
