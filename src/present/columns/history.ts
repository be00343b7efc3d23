// The audit history's columns (HISTORY panel and `lbtop history`): one row per action, newest first: when, who,
// on which LBs, what, the outcome on each LB, whether undo is offered. The id is for the CLI (`lbtop undo ID`).
import type { HistoryEntry } from '../../actions/history.js';
import { undoRefusal } from '../../actions/undo-plan.js';
import type { Column } from '../table.js';

/** "lb1 VERIFIED, lb2 FAILED". */
export function outcomeText(entry: HistoryEntry): string {
  return entry.outcomes.map((o) => `${o.lb} ${o.status}`).join(', ') || '-';
}

/** "2026-12-07 14:20:01" in UTC, as the log stores it. */
export const shortTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

const col = (id: string, header: string, width: number, of: (e: HistoryEntry) => string): Column<HistoryEntry> => ({ id, header, width, align: 'left', cell: (e) => ({ text: of(e) }) });

export const historyIdColumn = col('id', 'ID', 0, (e) => e.id);

/** The panel's columns; ACTION takes the width the others leave (at least 12). */
export const historyColumns: Column<HistoryEntry>[] = [
  col('time', 'TIME (UTC)', 19, (e) => shortTime(e.time)),
  col('user', 'USER', 8, (e) => e.user),
  col('lbs', 'LBS', 14, (e) => e.lbs.join(',') || '-'),
  { ...col('action', 'ACTION', 12, (e) => e.title), flex: true },
  col('outcome', 'OUTCOME', 26, outcomeText),
  col('undo', 'UNDO', 4, (e) => (undoRefusal(e) === null ? 'yes' : 'no')),
];
