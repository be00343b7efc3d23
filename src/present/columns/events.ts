// 6 EVENTS: the timeline as columns, newest first.
import type { TimelineEvent } from '../../model/events.js';
import { clock } from '../format.js';
import { statusToken } from '../status-token.js';
import type { Column } from '../table.js';

const col = (id: string, header: string, width: number, cell: Column<TimelineEvent>['cell']): Column<TimelineEvent> => ({ id, header, width, align: 'left', cell });

export const eventColumns: readonly Column<TimelineEvent>[] = [
  col('time', 'TIME', 8, (e) => ({ text: clock(e.at), token: 'event.time' })),
  col('lb', 'LB', 10, (e) => ({ text: e.lb })),
  col('kind', 'KIND', 15, (e) => ({ text: e.kind })),
  col('subject', 'SUBJECT', 30, (e) => ({ text: e.subject || '—' })),
  col('from', 'FROM', 12, (e) => ({ text: e.from, token: statusToken(e.from) })),
  col('to', 'TO', 12, (e) => ({ text: e.to, token: statusToken(e.to) })),
  { ...col('detail', 'DETAIL', 20, (e) => ({ text: e.detail ?? '' })), flex: true },
];

export function eventText(e: TimelineEvent): string {
  return `${e.lb} ${e.kind} ${e.subject} ${e.from} ${e.to} ${e.detail ?? ''}`.toLowerCase();
}
