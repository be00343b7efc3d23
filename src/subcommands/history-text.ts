// `lbtop history` as text and as JSON: one line per action, newest first (id, time, user, LBs, action, outcome
// per LB, whether undo is offered), and the same with the commands for scripts.
import type { HistoryEntry } from '../actions/history.js';
import { undoRefusal } from '../actions/undo-plan.js';

/** "lb1 VERIFIED, lb2 FAILED". */
export function outcomeText(entry: HistoryEntry): string {
  return entry.outcomes.map((o) => `${o.lb} ${o.status}`).join(', ') || '-';
}

/** "2026-12-07 14:20:01" in UTC, as the log stores it. */
export const shortTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

export function historyText(entries: readonly HistoryEntry[], problems: readonly string[]): string {
  const rows = entries.map((e) => [e.id, shortTime(e.time), e.user, e.lbs.join(',') || '-', e.title, outcomeText(e), undoRefusal(e) === null ? 'yes' : 'no']);
  const head = ['ID', 'TIME (UTC)', 'USER', 'LBS', 'ACTION', 'OUTCOME', 'UNDO'];
  const widths = head.map((h, i) => Math.min(i === 4 ? 60 : 40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : fit(c, widths[i]!).padEnd(widths[i]!))).join('  ').trimEnd();
  const out = entries.length === 0 ? ['No actions in the audit log.'] : [line(head), ...rows.map(line)];
  for (const p of problems) out.push(`! ${p}`);
  return `${out.join('\n')}\n`;
}

const fit = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

export function historyJson(entries: readonly HistoryEntry[], problems: readonly string[]) {
  return {
    actions: entries.map((e) => {
      const refusal = undoRefusal(e);
      return { ...e, undo: refusal === null ? { offered: true } : { offered: false, reason: refusal } };
    }),
    problems,
  };
}
