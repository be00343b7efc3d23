// Previews of failover plans (src/actions/failover): a VIP move with its VRRP roles table, commands, redacted file
// diffs and checks; a whole-LB batch (every step's own preview, in order); a BGP disable/enable. The VIPS/BGP
// dialog and `lbtop vip move` / `lbtop bgp` show these same lines. Every diff was made from redacted text.
import type { BgpPlan } from '../actions/failover/bgp.js';
import type { LbBatch } from '../actions/failover/lb-batch.js';
import { describeStep } from '../actions/failover/steps.js';
import type { FailoverPlan, PriorityRow } from '../actions/failover/types.js';
import { plain, type Line } from './line.js';
import { commandLine } from './plan-preview.js';
import { tableLines, type Column } from './table.js';

/** The VRRP roles table: each LB's state and priority now and after, and the role predicted from them. */
const ROLE_COLUMNS: Column<PriorityRow>[] = [
  { id: 'lb', header: 'LB', width: 12, align: 'left', before: '  ', cell: (r) => ({ text: r.lb }) },
  { id: 'state', header: 'STATE', width: 16, align: 'left', cell: (r) => ({ text: r.state }) },
  { id: 'now', header: 'PRIO NOW', width: 9, align: 'right', cell: (r) => ({ text: String(r.priorityNow ?? '-') }) },
  { id: 'after', header: 'PRIO AFTER', width: 11, align: 'right', cell: (r) => ({ text: String(r.priorityAfter ?? '-') }) },
  { id: 'predicted', header: 'PREDICTED', width: 0, align: 'left', rest: true, before: '  ', cell: (r) => ({ text: r.predicted, token: 'dialog.title' }) },
];

const check = (name: string, c: { ok: boolean; lines: string[] } | undefined, bad: string): Line[] =>
  c?.lines.length ? [[], plain(`${name} (${c.ok ? 'OK' : bad}):`, c.ok ? 'dialog.title' : 'dialog.warning'), ...c.lines.map((l) => plain(`  ${l}`))] : [];

export function failoverPlanLines(plan: FailoverPlan): Line[] {
  const lines: Line[] = [];
  // A plan refused before any method was chosen has none to show.
  if (plan.steps.length) lines.push(plain(`Method: ${plan.method}${plan.reason ? ` — ${plan.reason}` : ''}`, 'dialog.title'));
  if (plan.table.length) {
    lines.push(...tableLines(ROLE_COLUMNS, plan.table, Infinity, undefined));
    lines.push(plain(`  predicted owner: ${plan.predictedOwner ?? 'nobody'}`, 'dialog.title'));
  }
  if (plan.steps.length) lines.push([], plain('Commands, in order', 'dialog.title'), ...plan.steps.map((s) => commandLine(s.lb, describeStep(s), s.why)));
  for (const d of plan.diffs) {
    lines.push([], plain(`File ${d.path} on ${d.lb}:`, 'dialog.title'));
    lines.push(...d.diff.split('\n').map((l) => plain(`  ${l}`, l.startsWith('+') || l.startsWith('-') ? 'dialog.command' : undefined)));
  }
  lines.push(...check('Standby check', plan.precheck, 'FAILED'), ...check('Peers check', plan.peers, 'NOT IN SYNC'));
  if (plan.notes.length) lines.push([], plain('Methods not used:', 'dialog.title'), ...plan.notes.map((n) => plain(`  - ${n}`, 'text.dim')));
  for (const w of plan.warnings) lines.push(plain(`  ! ${w}`, 'dialog.warning'));
  if (plan.refused) lines.push([], plain(`REFUSED: ${plan.refused}`, 'dialog.warning'));
  return lines;
}

/** Which LB the move goes to and, with several candidates, that Tab picks the next one. */
export function targetLine(to: string, targets: readonly string[] = []): Line {
  const others = targets.length > 1 ? `   Tab: next target (${targets.join(', ')})` : '';
  return plain(`Target: ${to}${others}`, 'dialog.title');
}

export function batchPlanLines(batch: LbBatch, targets?: readonly string[]): Line[] {
  const lines: Line[] = [targetLine(batch.to, targets)];
  if (batch.kind === 'lb-move') lines.push(plain(`${batch.plans.length} VRRP instance(s) / heartbeat group(s) held by ${batch.lb} alone; each step after the first is planned again just before it runs`, 'text.dim'));
  else lines.push(plain(`the moves undone in reverse order; each step after the first is planned again just before it runs`, 'text.dim'));
  for (const [i, plan] of batch.plans.entries()) lines.push([], plain(`Step ${i + 1}/${batch.plans.length}: ${plan.title}`, 'table.header'), ...failoverPlanLines(plan));
  if (batch.refused) lines.push([], plain(`REFUSED: ${batch.refused}`, 'dialog.warning'));
  return lines;
}

export function bgpPlanLines(plan: BgpPlan): Line[] {
  const b = plan.before;
  return [
    ...(b ? [plain(`now: ${b.state} ${b.info}; routes imported ${b.imported ?? '?'}, exported ${b.exported ?? '?'}`)] : []),
    ...(plan.action === 'disable' ? [plain('the session closes and every route it exchanges is withdrawn from the peer', 'dialog.warning')] : []),
    [],
    plain('Command', 'dialog.title'),
    commandLine(plan.lb, plan.argv.join(' ')),
    ...(plan.refused ? [[], plain(`REFUSED: ${plan.refused}`, 'dialog.warning')] : []),
  ];
}
