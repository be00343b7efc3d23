// Pure renderers of the VIPS and BGP views (k9s's render layer): state in, styled lines out, one line per row so
// the cursor maps to a line. Also the cluster → VIP owner text of the header.
import type { BgpPlan } from '../../actions/failover/bgp.js';
import type { FailoverPlan } from '../../actions/failover/types.js';
import type { VipRow } from '../../model/failover-state.js';
import { exportedRoutes, importedRoutes } from '../../sources/bird/route-counts.js';
import type { FailoverState } from '../../store/failover-store.js';
import { clusterVipOwners } from '../../store/vip-rows.js';
import { fit } from '../columns/format.js';
import { plain, type Line } from '../components/ScrollText.js';

export interface BgpRow {
  lb: string;
  protocol: string;
  proto: string;
  state: string;
  since: string;
  info: string;
  imported: number | null;
  exported: number | null;
  stale: boolean;
}

export function bgpRows(state: FailoverState): BgpRow[] {
  return state.hosts.flatMap((h) => {
    const r = h.bird?.value;
    if (!r) return [];
    return r.protocols.map((p) => ({ lb: h.lb, protocol: p.name, proto: p.proto, state: p.state, since: p.since, info: p.info, imported: importedRoutes(r, p.name), exported: exportedRoutes(r, p.name), stale: h.bird?.stale ?? false }));
  });
}

const holdersText = (r: VipRow) => (r.verdict.kind === 'unknown' ? '?' : [...new Set(r.verdict.holders.map((h) => h.host))].join('+') || 'NOBODY');

export function vipLines(state: FailoverState, width: number): { head: Line[]; body: Line[] } {
  const lbs = [...new Set(state.vips.flatMap((r) => Object.keys(r.perLb)))];
  const head: Line[] = [plain(`${fit('VIP', 16, 'left')} ${fit('INSTANCE', 22, 'left')} ${fit('CLUSTER', 10, 'left')} ${lbs.map((lb) => fit(lb, 16, 'left')).join(' ')} ${fit('HELD BY', 12, 'left')} TRUTH`, 'table.header')];
  const body: Line[] = state.vips.map((r) => {
    const cells = lbs.map((lb) => {
      const s = r.perLb[lb];
      return fit(s ? `${s.state}${s.effectivePriority !== null ? ` ${s.effectivePriority}` : ''}` : '-', 16, 'left');
    });
    return [
      { text: `${fit(r.vip, 16, 'left')} ${fit(r.instance, 22, 'left')} ${fit(r.cluster ?? '-', 10, 'left')} ${cells.join(' ')} ` },
      { text: fit(holdersText(r), 12, 'left'), token: r.verdict.alarm ? 'status.down' : 'status.up' },
      { text: ` ${r.verdict.alarm ? `ALARM: ${r.verdict.message}` : r.resource ? `NOT VIP-CHECKED: ${r.resource} resource; holder per heartbeat` : r.verdict.kind}`.slice(0, Math.max(0, width - 100)), token: r.verdict.alarm ? 'dialog.warning' : 'text.dim' },
    ];
  });
  const problems: Line[] = state.hosts.flatMap((h) =>
    (['keepalived', 'heartbeat', 'addresses'] as const).flatMap((k) => (h[k]?.error ? [plain(`${h.lb}: ${k}: ${h[k]!.error}${h[k]!.stale ? ' (last good reading shown)' : ''}`, 'dialog.warning')] : [])),
  );
  if (body.length === 0) body.push(plain(problems.length ? 'no VIP read yet' : 'no LB declares keepalived: or heartbeat: in lbtop.yaml', 'text.dim'));
  return { head, body: [...body, ...(problems.length ? [[], ...problems] : [])] };
}

export function bgpLines(state: FailoverState): { head: Line[]; body: Line[] } {
  const head: Line[] = [plain(`${fit('HOST', 12, 'left')} ${fit('PROTOCOL', 16, 'left')} ${fit('PROTO', 8, 'left')} ${fit('STATE', 6, 'left')} ${fit('SINCE', 20, 'left')} ${fit('IMPORTED', 9, 'right')} ${fit('EXPORTED', 9, 'right')}  INFO`, 'table.header')];
  const rows = bgpRows(state);
  const body: Line[] = rows.map((r) => [
    { text: `${fit(r.lb, 12, 'left')} ${fit(r.protocol, 16, 'left')} ${fit(r.proto, 8, 'left')} ` },
    { text: fit(r.state, 6, 'left'), token: r.state === 'up' ? 'status.up' : r.state === 'down' ? 'status.down' : 'status.drain' },
    { text: ` ${fit(r.since, 20, 'left')} ${fit(String(r.imported ?? '-'), 9, 'right')} ${fit(String(r.exported ?? '-'), 9, 'right')}  ${r.info}${r.stale ? ' (stale)' : ''}` },
  ]);
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
