// Pure renderers of the VIPS and BGP views (k9s's render layer): state in, styled lines out, one line per row so
// the cursor maps to a line. The columns are src/present/columns/vips.ts and bgp.ts, shared with `lbtop vip status`. Also the cluster → VIP owner text of the header.
import { bgpColumns, bgpRows } from '../../present/columns/bgp.js';
import { vipColumns, vipLbs } from '../../present/columns/vips.js';
import { fitColumns, headerLine, rowLine } from '../../present/table.js';
import type { FailoverState } from '../../store/failover-store.js';
import { clusterVipOwners } from '../../store/vip-rows.js';
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

export function vipMarker(state: FailoverState): string | undefined {
  const owners = clusterVipOwners(state.vips);
  if (owners.size === 0) return undefined;
  const alarm = state.vips.some((r) => r.verdict.alarm);
  const parts = [...owners].map(([cluster, list]) => `${cluster} ${list.map((v) => `${v.vip}@${v.owner}`).join(' ')}`);
  return `${alarm ? 'VIP ALARM · ' : 'VIP '}${parts.join(' · ')}`;
}
