// The SESSIONS panel's rows as lines: one per session (LB, id, client, server, age, state, bytes), oldest first.
import type { FleetSessions } from '../../../actions/session-read.js';
import { sessionRows } from '../../../actions/session-read.js';
import type { HaproxySession } from '../../../model/sessions.js';
import { formatAge } from '../../../sources/haproxy/sessions/human-time.js';
import { fit } from '../../columns/format.js';
import type { Line } from '../../components/ScrollText.js';

export type SessionRow = HaproxySession & { lb: string };

export const SESSION_HEADER: Line = [
  { text: `${fit('LB', 10, 'left')} ${fit('ID', 16, 'left')} ${fit('CLIENT', 22, 'left')} ${fit('FRONTEND', 12, 'left')} ${fit('BACKEND/SERVER', 30, 'left')} ${fit('AGE', 7, 'right')} ${fit('STATE', 8, 'left')} ${fit('IN', 9, 'right')} ${fit('OUT', 9, 'right')}`, token: 'table.header' },
];

const bytes = (n: number | null) => (n === null ? '-' : n < 10_000 ? `${n}` : n < 10_000_000 ? `${Math.round(n / 1000)}k` : `${Math.round(n / 1_000_000)}M`);

export function sessionLine(s: SessionRow, selected: boolean): Line {
  const text = `${fit(s.lb, 10, 'left')} ${fit(s.id, 16, 'left')} ${fit(s.client ?? '-', 22, 'left')} ${fit(s.frontend, 12, 'left')} ${fit(`${s.backend ?? '-'}/${s.server ?? '-'}`, 30, 'left')} ${fit(formatAge(s.ageSec), 7, 'right')} ${fit(s.state, 8, 'left')} ${fit(bytes(s.bytesIn), 9, 'right')} ${fit(bytes(s.bytesOut), 9, 'right')}`;
  return [{ text, ...(selected ? { token: 'row.selected' as const } : {}) }];
}

export function rowsOf(reads: readonly FleetSessions[] | null): SessionRow[] {
  return reads ? sessionRows(reads) : [];
}

/** "lb2: not read (…)", and the notes (byte counts skipped): shown under the list. */
export function readNotes(reads: readonly FleetSessions[] | null): Line[] {
  return (reads ?? []).flatMap((r): Line[] => ('error' in r ? [[{ text: `${r.lb}: NOT READ: ${r.error}`, token: 'header.down' }]] : r.read.notes.map((n): Line => [{ text: `${r.lb}: ${n}`, token: 'text.dim' }])));
}
