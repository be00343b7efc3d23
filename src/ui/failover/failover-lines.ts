// Pure renderers of the VIPS and BGP views (k9s's render layer): state in, styled lines out, one line per row so
// the cursor maps to a line. Also the cluster → VIP owner text of the header.
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

/** " VIP k8s01 .200@lb1 .201@lb1" for the header's title line; ALARM first when any VIP has one. */
export function vipMarker(state: FailoverState): string | undefined {
  const owners = clusterVipOwners(state.vips);
  if (owners.size === 0) return undefined;
  const alarm = state.vips.some((r) => r.verdict.alarm);
  const parts = [...owners].map(([cluster, list]) => `${cluster} ${list.map((v) => `${v.vip}@${v.owner}`).join(' ')}`);
  return `${alarm ? 'VIP ALARM · ' : 'VIP '}${parts.join(' · ')}`;
}
