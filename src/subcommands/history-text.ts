// `lbtop history` as text and as JSON: one line per action, newest first (id, time, user, LBs, action, outcome
// per LB, whether undo is offered: the HISTORY panel's columns and the id), and the same with the commands for
// scripts.
import type { HistoryEntry } from '../actions/history.js';
import { historyColumns, historyIdColumn } from '../present/columns/history.js';
import { textTable } from '../present/text-table.js';
import { undoRefusal } from '../actions/undo-plan.js';

export { outcomeText, shortTime } from '../present/columns/history.js';

export function historyText(entries: readonly HistoryEntry[], problems: readonly string[]): string {
  const columns = [historyIdColumn, ...historyColumns];
  const out = entries.length === 0 ? ['No actions in the audit log.'] : textTable(columns, entries, undefined, { gap: '  ', max: (c) => (c.id === 'action' ? 60 : 40) });
  for (const p of problems) out.push(`! ${p}`);
  return `${out.join('\n')}\n`;
}

export function historyJson(entries: readonly HistoryEntry[], problems: readonly string[]) {
  return {
    actions: entries.map((e) => {
      const refusal = undoRefusal(e);
      return { ...e, undo: refusal === null ? { offered: true } : { offered: false, reason: refusal } };
    }),
    problems,
  };
}
