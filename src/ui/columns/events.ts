// 6 EVENTS: the timeline as columns, newest first.
import type { TimelineEvent } from '../../model/events.js';
import type { Token } from '../../theme/tokens.js';
import { statusToken } from './common.js';
import { clock } from './format.js';

export interface EventColumn {
  header: string;
  width: number;
  flex?: boolean;
  cell(e: TimelineEvent): { text: string; token?: Token };
}

export const eventColumns: readonly EventColumn[] = [
  { header: 'TIME', width: 8, cell: (e) => ({ text: clock(e.at), token: 'event.time' }) },
  { header: 'LB', width: 10, cell: (e) => ({ text: e.lb }) },
  { header: 'KIND', width: 15, cell: (e) => ({ text: e.kind }) },
  { header: 'SUBJECT', width: 30, cell: (e) => ({ text: e.subject || '—' }) },
  { header: 'FROM', width: 12, cell: (e) => ({ text: e.from, token: statusToken(e.from) }) },
  { header: 'TO', width: 12, cell: (e) => ({ text: e.to, token: statusToken(e.to) }) },
  { header: 'DETAIL', width: 20, flex: true, cell: (e) => ({ text: e.detail ?? '' }) },
];

export function eventText(e: TimelineEvent): string {
  return `${e.lb} ${e.kind} ${e.subject} ${e.from} ${e.to} ${e.detail ?? ''}`.toLowerCase();
}
