// What each of the map editor's views (MAPS/ACLS, DRIFT, CERTS, TRACE) draws: its lines, and the state line of
// a read that is running or failed.
import type { Line } from '../components/ScrollText.js';
import type { Loaded } from './maps-state.js';

/** Lines, and which line the cursor is on (null: no cursor, the text scrolls). */
export interface ViewLines {
  head: Line[];
  body: Line[];
  cursor: number | null;
}

export function status<T>(l: Loaded<T>, what: string): Line[] {
  if (l.error) return [[{ text: `cannot read ${what}: ${l.error}${l.value ? ' (showing the last good read)' : ''}`, token: 'dialog.warning' }]];
  if (l.loading && !l.value) return [[{ text: `reading ${what}…`, token: 'text.dim' }]];
  return [];
}
