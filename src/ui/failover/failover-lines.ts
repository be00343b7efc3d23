// Pure renderers of the VIPS and BGP views (k9s's render layer): state in, styled lines out, one line per row so
// the cursor maps to a line. The columns are src/present/columns/vips.ts and bgp.ts, shared with `lbtop vip status`. Also the cluster → VIP owner text of the header.
import type { BgpPlan } from '../../actions/failover/bgp.js';
import type { FailoverPlan } from '../../actions/failover/types.js';
import { bgpColumns, bgpRows } from '../../present/columns/bgp.js';
import { vipColumns, vipLbs } from '../../present/columns/vips.js';
import { fitColumns, headerLine, rowLine } from '../../present/table.js';
import type { FailoverState } from '../../store/failover-store.js';
import { clusterVipOwners } from '../../store/vip-rows.js';
import { fit } from '../columns/format.js';
import { plain, type Line } from '../components/ScrollText.js';

export { bgpRows, type BgpRow } from '../../present/columns/bgp.js';

export function vipLines(state: FailoverState, width: number): { head: Line[]; body: Line[] } {
  const columns = fitColumns(vipColumns(vipLbs(state.vips)), Infinity);
  const head: Line[] = [headerLine(columns)];
  const body: Line[] = state.vips.map((r) => rowLine(columns, r, { width }));
  const problems: Line[] = state.hosts.flatMap((h) =>
    (['keepalived', 'heartbeat', 'addresses'] as const).flatMap((k) => (h[k]?.error ? [plain(`${h.lb}: ${k}: ${h[k]!.error}${h[k]!.stale ? ' (last good reading shown)' : ''}`, 'dialog.warning')] : [])),
  );
  if (body.length === 0) body.push(plain(problems.length ? 'no VIP read yet' : 'no LB declares keepalived: or heartbeat: in lbtop.yaml', 'text.dim'));
  return { head, body: [...body, ...(problems.length ? [[], ...problems] : [])] };
}

export function bgpLines(state: FailoverState): { head: Line[]; body: Line[] } {
  const columns = fitColumns(bgpColumns, Infinity);
  const head: Line[] = [headerLine(columns)];
  const body: Line[] = bgpRows(state).map((r) => rowLine(columns, r));
  const problems = state.hosts.flatMap((h) => (h.bird?.error ? [plain(`${h.lb}: BIRD: ${h.bird.error}`, 'dialog.warning')] : []));
  if (body.length === 0) body.push(plain(problems.length ? 'no BIRD protocol read yet' : 'no LB declares bird: in lbtop.yaml', 'text.dim'));
  return { head, body: [...body, ...(problems.length ? [[], ...problems] : [])] };
}

export function failoverPreviewLines(plan: FailoverPlan): Line[] {
  const lines: Line[] = [plain(`Method: ${plan.method}${plan.reason ? ` — ${plan.reason}` : ''}`, 'dialog.title')];
  if (plan.table.length) {
    lines.push(plain(`  ${fit('LB', 12, 'left')} ${fit('STATE', 16, 'left')} ${fit('PRIO NOW', 9, 'right')} ${fit('PRIO AFTER', 11, 'right')}  PREDICTED`, 'table.header'));
    for (const r of plan.table) lines.push([{ text: `  ${fit(r.lb, 12, 'left')} ${fit(r.state, 16, 'left')} ${fit(String(r.priorityNow ?? '-'), 9, 'right')} ${fit(String(r.priorityAfter ?? '-'), 11, 'right')}  ` }, { text: r.predicted, token: 'dialog.title' }]);
  }
  lines.push(plain(`  predicted owner: ${plan.predictedOwner ?? 'nobody'}`, 'dialog.title'), [], plain('Commands, in order', 'dialog.title'));
  for (const s of plan.steps) {
    const what = s.kind === 'run' ? s.argv.join(' ') : s.kind === 'write-track-file' ? `write ${s.path}: ${s.text.trim()}` : s.kind === 'edit-conf' ? `edit ${s.path} line ${s.line}` : `restore ${s.path}`;
    lines.push([{ text: `  ${fit(s.lb, 12, 'left')} ` }, { text: what, token: 'dialog.command' }, { text: `  # ${s.why}`, token: 'text.dim' }]);
  }
  for (const d of plan.diffs) lines.push([], plain(`File ${d.path} on ${d.lb}`, 'dialog.title'), ...d.diff.split('\n').map((l) => plain(`  ${l}`, l.startsWith('+') || l.startsWith('-') ? 'dialog.command' : undefined)));
  if (plan.precheck.lines.length) lines.push([], plain(`Standby check: ${plan.precheck.ok ? 'OK' : 'FAILED'}`, plan.precheck.ok ? 'dialog.title' : 'dialog.warning'), ...plan.precheck.lines.map((l) => plain(`  ${l}`)));
  if (plan.peers?.lines.length) lines.push([], plain(`Peers check: ${plan.peers.ok ? 'OK' : 'NOT IN SYNC'}`, plan.peers.ok ? 'dialog.title' : 'dialog.warning'), ...plan.peers.lines.map((l) => plain(`  ${l}`)));
  if (plan.notes.length) lines.push([], plain('Methods not used', 'dialog.title'), ...plan.notes.map((n) => plain(`  - ${n}`, 'text.dim')));
  for (const w of plan.warnings) lines.push(plain(`  ! ${w}`, 'dialog.warning'));
  if (plan.refused) lines.push([], plain(`REFUSED: ${plan.refused}`, 'dialog.warning'));
  return lines;
}

export function bgpPreviewLines(plan: BgpPlan): Line[] {
  const b = plan.before;
  return [
    ...(b ? [plain(`now: ${b.state} ${b.info}; routes imported ${b.imported ?? '?'}, exported ${b.exported ?? '?'}`)] : []),
    ...(plan.action === 'disable' ? [plain('the session closes and every route it exchanges is withdrawn from the peer', 'dialog.warning')] : []),
    [],
    plain('Command', 'dialog.title'),
    [{ text: `  ${fit(plan.lb, 12, 'left')} ` }, { text: plan.argv.join(' '), token: 'dialog.command' }],
    ...(plan.refused ? [[], plain(`REFUSED: ${plan.refused}`, 'dialog.warning')] : []),
  ];
}

/** " VIP k8s01 .200@lb1 .201@lb1" for the header's title line; ALARM first when any VIP has one. */
export function vipMarker(state: FailoverState): string | undefined {
  const owners = clusterVipOwners(state.vips);
  if (owners.size === 0) return undefined;
  const alarm = state.vips.some((r) => r.verdict.alarm);
  const parts = [...owners].map(([cluster, list]) => `${cluster} ${list.map((v) => `${v.vip}@${v.owner}`).join(' ')}`);
  return `${alarm ? 'VIP ALARM · ' : 'VIP '}${parts.join(' · ')}`;
}
