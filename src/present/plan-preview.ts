// The preview of a runtime-API plan (`Plan`, src/actions/types.ts), the one rendering both the TUI's preview dialog
// and the CLI's `--dry-run`/prompt print: per LB the change with the sessions it touches, the exact commands in the
// order they will be sent, the warnings, the node-drain hooks and the LBs that did not answer.
import type { Plan, PlannedChange } from '../actions/types.js';
import { fit } from './format.js';
import { plain, type Line } from './line.js';
import { tableLines, type Column } from './table.js';
import { userCommandPreviewLines } from './user-command-preview.js';

/** The servers table: one row per LB and server, the TO state emphasised, sessions a maint would cut warned. */
const CHANGE_COLUMNS: Column<PlannedChange>[] = [
  { id: 'lb', header: 'LB', width: 12, align: 'left', before: '  ', cell: (c) => ({ text: c.lb }) },
  { id: 'server', header: 'SERVER', width: 32, align: 'left', cell: (c) => ({ text: `${c.backend}/${c.server}` }) },
  { id: 'from', header: 'FROM', width: 12, align: 'left', cell: (c) => ({ text: c.from }) },
  { id: 'to', header: 'TO', width: 12, align: 'left', cell: (c) => ({ text: c.to, token: 'dialog.title' }) },
  { id: 'sessions', header: 'SESSIONS', width: 8, align: 'left', cell: (c) => ({ text: c.sessions === null ? '?' : String(c.sessions), token: c.sessions ? 'dialog.warning' : undefined }) },
  // A node action: how the server was found (its address, or the BGP prefix that puts it on the node).
  { id: 'matched', header: '', width: 0, align: 'left', rest: true, cell: (c) => ({ text: c.matched ? `[${c.matched}]` : '', token: 'text.dim' }) },
];

/** A command line of a preview or report: `[LB] command`, as the history lists what was sent, and why it runs. */
export const commandLine = (lb: string, command: string, why?: string): Line => [
  { text: `  [${lb}] ` },
  { text: command, token: 'dialog.command' },
  ...(why ? [{ text: `    # ${why}`, token: 'text.dim' as const }] : []),
];

/** Ending sessions: who is cut, per LB (client, age, bytes as `show sess` listed them; session-kill.ts). */
function sessionsCut(plan: Plan): Line[] {
  const lines: Line[] = [[], plain('Sessions that will be cut', 'dialog.title')];
  for (const c of plan.commands) {
    const cut = (c.before ?? '').split('; ').filter(Boolean);
    for (const who of cut.slice(0, 10)) lines.push(plain(`  ${fit(c.lb, 12, 'left')} ${who}`));
    if (cut.length > 10) lines.push(plain(`  ${fit(c.lb, 12, 'left')} … and ${cut.length - 10} more`, 'text.dim'));
  }
  return lines;
}

/** A runtime-API plan: the change per LB and server, then the exact commands in order. */
function changeLines(plan: Plan): Line[] {
  const lines: Line[] = [plain('Changes', 'dialog.title')];
  if (plan.changes.length === 0) lines.push(plain('  (none)', 'text.dim'));
  else lines.push(...tableLines(CHANGE_COLUMNS, plan.changes, Infinity, undefined).map(trimEnd));
  for (const n of plan.notes ?? []) lines.push(plain(`  ${n}`, 'text.dim'));
  lines.push([], plain('Commands, in the order they will be sent', 'dialog.title'));
  for (const c of plan.commands) lines.push(commandLine(c.lb, c.command));
  if (plan.commands.length === 0) lines.push(plain('  nothing to send', 'dialog.warning'));
  if (plan.kind === 'sessions') lines.push(...sessionsCut(plan));
  return lines;
}

/** The empty MATCHED column leaves padding behind on most rows: a printed line ends at its last character. */
function trimEnd(line: Line): Line {
  const out = [...line];
  while (out.length > 0 && out[out.length - 1]!.text.trim() === '') out.pop();
  const last = out[out.length - 1];
  if (last) out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out;
}

export function planPreviewLines(plan: Plan): Line[] {
  const lines: Line[] = plan.kind === 'user-command' && plan.user ? userCommandPreviewLines(plan) : changeLines(plan);
  if (plan.warnings.length > 0) lines.push([], plain('Warnings', 'dialog.warning'), ...plan.warnings.map((w) => plain(`  ! ${w}`, 'dialog.warning')));
  if ((plan.hooks ?? []).length > 0) {
    lines.push([], plain('User commands around the drain (lbtop.yaml on: node-drain)', 'dialog.title'), ...plan.hooks!.map((h) => plain(`  ${h}`)));
  }
  const unreachable = plan.unreachable ?? [];
  if (unreachable.length > 0) {
    lines.push([], plain(plan.skipUnreachable ? 'Left out (unreachable): lbtop will not change them' : 'REFUSED: unreachable LBs may carry the target', 'dialog.danger'));
    for (const u of unreachable) lines.push(plain(`  ${fit(u.lb, 12, 'left')} ${u.error}`, 'dialog.warning'));
  }
  return lines;
}
