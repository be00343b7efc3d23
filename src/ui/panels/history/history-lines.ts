// HISTORY as text: one row per action for the list (`lbtop history`' columns, src/present/columns/history.ts), and the lines of one action's detail (commands with what
// HAProxy answered, the outcome on each LB, the way back or why undo is not offered). Pure: entries in, lines out.
import type { HistoryEntry } from '../../../actions/history.js';
import { undoRefusal } from '../../../actions/undo-plan.js';
import type { Token } from '../../../theme/tokens.js';
import { historyColumns, shortTime } from '../../../present/columns/history.js';
import { lineText } from '../../../present/line.js';
import { headerLine, rowLine, stretchColumns } from '../../../present/table.js';
import type { Line } from '../../components/ScrollText.js';

/** The worst outcome decides the colour: anything not verified stands out. */
export function outcomeToken(entry: HistoryEntry): Token {
  const statuses = entry.outcomes.map((o) => o.status);
  if (statuses.some((s) => s === 'FAILED' || s === 'UNKNOWN' || s === 'REJECTED' || s === 'NOT-SENT' || s === 'NO-REPLY')) return 'report.failed';
  if (statuses.length > 0 && statuses.every((s) => s === 'VERIFIED')) return 'report.verified';
  return 'report.unverified';
}

/** ACTION takes what the fixed columns leave, however narrow the screen: the others keep their widths. */
const fitted = (width: number) => stretchColumns(historyColumns, width);

export function headerText(width: number): string {
  return lineText(headerLine(fitted(width)));
}

export function rowText(entry: HistoryEntry, width: number): string {
  return lineText(rowLine(fitted(width), entry));
}

const RESULT_TOKEN: Record<string, Token> = { done: 'report.verified', rejected: 'report.failed', 'not-sent': 'report.failed', unknown: 'report.failed', 'no-reply': 'report.unverified' };

export function detailLines(entry: HistoryEntry): Line[] {
  const lines: Line[] = [
    [{ text: entry.title, token: 'dialog.title' }],
    [{ text: `${entry.id}  ${shortTime(entry.time)} UTC  by ${entry.user}  (${entry.kind})`, token: 'text.dim' }],
    [],
    [{ text: 'Commands:', token: 'table.header' }],
  ];
  if (entry.commands.length === 0) lines.push([{ text: '  (none sent)', token: 'text.dim' }]);
  for (const c of entry.commands) {
    const reply = c.reply?.trim() ? `: ${c.reply.trim().split('\n')[0]}` : '';
    lines.push([{ text: `  [${c.lb}] ` }, { text: c.command.split('\n')[0]!, token: 'dialog.command' }, { text: `  → ${c.result}${reply}`, token: RESULT_TOKEN[c.result] ?? 'text' }]);
  }
  lines.push([], [{ text: 'Outcome:', token: 'table.header' }]);
  for (const o of entry.outcomes) {
    lines.push([{ text: `  ${o.lb}  ` }, { text: o.status, token: o.status === 'VERIFIED' ? 'report.verified' : /FAIL|UNKNOWN|REJECT|NOT-SENT|NO-REPLY/.test(o.status) ? 'report.failed' : 'report.unverified' }, { text: o.detail ? `  ${o.detail}` : '' }]);
  }
  lines.push([], [{ text: 'Way back:', token: 'table.header' }]);
  const refusal = undoRefusal(entry);
  if (refusal !== null) lines.push([{ text: `  ${refusal}`, token: 'dialog.warning' }]);
  else {
    for (const s of entry.rollback ?? []) lines.push([{ text: `  [${s.lb}] ` }, { text: s.command, token: 'dialog.command' }]);
    lines.push([{ text: '  u: undo, re-planned against the LBs now (servers changed since are left out)', token: 'text.dim' }]);
  }
  return lines;
}
