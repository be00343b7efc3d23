// The sessions table's columns (SESSIONS panel and `lbtop sessions`): one row per session on each LB, oldest first.
import type { HaproxySession } from '../../model/sessions.js';
import { formatAge } from '../../sources/haproxy/sessions/human-time.js';
import type { Column } from '../table.js';

export type SessionRow = HaproxySession & { lb: string };

export interface SessionContext {
  /** Byte counts as HAProxy gave them (the CLI), not shortened to fit the screen ("12k"). */
  exactBytes?: boolean;
}

const short = (n: number | null) => (n === null ? '-' : n < 10_000 ? `${n}` : n < 10_000_000 ? `${Math.round(n / 1000)}k` : `${Math.round(n / 1_000_000)}M`);
const byteCount = (n: number | null, ctx: SessionContext) => (ctx.exactBytes ? String(n ?? '-') : short(n));

const col = (id: string, header: string, width: number, align: 'left' | 'right', of: (s: SessionRow, ctx: SessionContext) => string): Column<SessionRow, SessionContext> => ({ id, header, width, align, cell: (s, ctx) => ({ text: of(s, ctx) }) });

export const sessionColumns: Column<SessionRow, SessionContext>[] = [
  col('lb', 'LB', 10, 'left', (s) => s.lb),
  col('id', 'ID', 16, 'left', (s) => s.id),
  col('client', 'CLIENT', 22, 'left', (s) => s.client ?? '-'),
  col('frontend', 'FRONTEND', 12, 'left', (s) => s.frontend),
  col('server', 'BACKEND/SERVER', 30, 'left', (s) => `${s.backend ?? '-'}/${s.server ?? '-'}`),
  col('age', 'AGE', 7, 'right', (s) => formatAge(s.ageSec)),
  col('state', 'STATE', 8, 'left', (s) => s.state),
  col('in', 'IN', 9, 'right', (s, ctx) => byteCount(s.bytesIn, ctx)),
  col('out', 'OUT', 9, 'right', (s, ctx) => byteCount(s.bytesOut, ctx)),
];
