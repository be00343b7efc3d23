// HISTORY as text: one row per action for the list, and the lines of one action's detail (commands with what
// HAProxy answered, the outcome on each LB, the way back or why undo is not offered). Pure: entries in, lines out.
import type { HistoryEntry } from '../../../actions/history.js';
import { undoRefusal } from '../../../actions/undo-plan.js';
import type { Token } from '../../../theme/tokens.js';
import { fit } from '../../columns/format.js';
import type { Line } from '../../components/ScrollText.js';

const shortTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

/** The worst outcome decides the colour: anything not verified stands out. */
export function outcomeToken(entry: HistoryEntry): Token {
  const statuses = entry.outcomes.map((o) => o.status);
  if (statuses.some((s) => s === 'FAILED' || s === 'UNKNOWN' || s === 'REJECTED' || s === 'NOT-SENT' || s === 'NO-REPLY')) return 'report.failed';
  if (statuses.length > 0 && statuses.every((s) => s === 'VERIFIED')) return 'report.verified';
  return 'report.unverified';
}

const COLUMNS = [
  { header: 'TIME (UTC)', width: 19 },
  { header: 'USER', width: 8 },
  { header: 'LBS', width: 14 },
  { header: 'ACTION', width: 0 },
  { header: 'OUTCOME', width: 26 },
  { header: 'UNDO', width: 4 },
];

function widths(width: number): number[] {
  const fixed = COLUMNS.reduce((a, c) => a + c.width + 1, 0);
  return COLUMNS.map((c) => c.width || Math.max(12, width - fixed));
}

export function headerText(width: number): string {
  const w = widths(width);
  return COLUMNS.map((c, i) => fit(c.header, w[i]!, 'left')).join(' ');
}

export function rowText(entry: HistoryEntry, width: number): string {
  const w = widths(width);
  const outcome = entry.outcomes.map((o) => `${o.lb} ${o.status}`).join(', ') || '-';
  const cells = [shortTime(entry.time), entry.user, entry.lbs.join(',') || '-', entry.title, outcome, undoRefusal(entry) === null ? 'yes' : 'no'];
  return cells.map((c, i) => fit(c, w[i]!, 'left')).join(' ');
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
