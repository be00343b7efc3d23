// The values a user command gets from what is selected (pure): a server row gives its backend, server, cluster,
// machine address and node name, and an LB when one is meant (a per-LB sub-row, or `a` narrowed the target to
// one); a VIP row of the VIPS view gives the VIP, its holder and its cluster. A value the selection cannot tell
// is left out: the command then says which one it lacks instead of running with a guess.
import type { VipRow } from '../../model/failover-state.js';
import type { Fleet } from '../../model/fleet.js';
import type { UserCommandScope, UserValues } from '../../model/user-command.js';
import { candidate, machinesOfServer, nodeMembers } from '../../store/nodes.js';
import type { TableRow } from '../rows/types.js';

const defined = (values: Record<string, string | undefined>): UserValues =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as UserValues;

/** The one LB a row stands for: its own (per-LB sub-row), the write target (`a`), or the only LB carrying it. */
function lbOf(row: TableRow, targetLb: string | null): string | undefined {
  if (row.lb) return row.lb;
  if (targetLb) return targetLb;
  const lbs = [...new Set(row.stats.map((s) => s.lb))];
  return lbs.length === 1 ? lbs[0] : undefined;
}

/** Values of a fleet-table row for a command of this scope, or why the row cannot give them. */
export function rowValues(fleet: Fleet, row: TableRow | undefined, targetLb: string | null, scope: UserCommandScope): UserValues | { why: string } {
  if (!row) return { why: 'no row selected' };
  const base = { LB: lbOf(row, targetLb), CLUSTER: row.cluster };
  if (scope === 'lb') return defined(base);
  if ((row.kind !== 'server' && row.kind !== 'sublb') || !row.backend || !row.server) return { why: `a ${scope} command acts on a server row: select one` };
  const machines = machinesOfServer(fleet, row.backend, row.server);
  const address = machines.length === 1 ? machines[0] : undefined;
  // The node's name: the one server name carried at that machine (`worker1` in every backend), else unknown.
  const names = address ? candidate(address, nodeMembers(fleet)).names : [];
  const node = names.length === 1 ? names[0] : undefined;
  if (scope === 'node') return defined({ ...base, NODE: node, ADDRESS: address });
  return defined({ ...base, NODE: node, ADDRESS: address, BACKEND: row.backend, SERVER: row.server });
}

/** Values of a VIP row: the VIP, the LB holding it (when exactly one does) and its cluster. */
export function vipValues(row: VipRow | undefined): UserValues | { why: string } {
  if (!row) return { why: 'no VIP selected (VIPS view, V)' };
  const holders = [...new Set(row.verdict.holders.map((h) => h.host))];
  return defined({ VIP: row.vip, LB: holders.length === 1 ? holders[0] : undefined, CLUSTER: row.cluster ?? undefined });
}
