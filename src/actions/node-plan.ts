// Node drain: a node is a backend server named (or addressed) the same across every backend and every LB —
// worker1 in the http and https backends of seed 000, master1 in the API backend of every node's HAProxy in
// seed 003. One plan covers every (LB, backend, server) it finds, with the exact commands and the sessions on
// each, and a rollback to each one's exact prior forced state. `ready` restores the states saved when the node
// was drained (node-record.ts), so a server that was already in maint before the drain stays in maint.
import type { Fleet, LogicalServer } from '../model/fleet.js';
import type { AdminTarget } from '../model/haproxy.js';
import { adminStateOf, maintNotForced } from '../sources/haproxy/admin-state.js';
import { findNode } from '../store/selectors.js';
import type { NodeRecord } from './node-record.js';
import { adminCommand, forcedAdminOf } from './server-admin.js';
import type { Plan, PlannedChange, PlannedCommand } from './types.js';
import { unreachableIn } from './unreachable.js';

export type NodeAction = 'drain' | 'maint' | 'ready';

export interface NodeRequest {
  node: string;
  action: NodeAction;
  /** Only backends of this cluster, or only LBs of this inventory group (see lbsOfScope). */
  cluster?: string;
}

export interface NodeScope {
  /** LB names of each inventory group (`--inventory`), so `--cluster` can name an LB set. */
  lbGroups?: ReadonlyMap<string, readonly string[]>;
}

let counter = 0;

/** Every (server, LB) of the node inside the requested cluster or LB group. */
export function nodeTargets(fleet: Fleet, request: Pick<NodeRequest, 'node' | 'cluster'>, scope: NodeScope = {}) {
  const cluster = request.cluster;
  const groupLbs = cluster !== undefined ? scope.lbGroups?.get(cluster) : undefined;
  const inCluster = new Set<LogicalServer>();
  if (cluster !== undefined && !groupLbs) {
    for (const c of fleet.clusters) if (c.name === cluster) for (const b of c.backends) for (const s of b.servers) inCluster.add(s);
  }
  const out: { server: LogicalServer; lb: string }[] = [];
  for (const server of findNode(fleet, request.node)) {
    if (cluster !== undefined && !groupLbs && !inCluster.has(server)) continue;
    for (const lb of Object.keys(server.perLb)) if (!groupLbs || groupLbs.includes(lb)) out.push({ server, lb });
  }
  return out;
}

export function planNode(fleet: Fleet, request: NodeRequest, scope: NodeScope = {}, record: NodeRecord | null = null): Plan {
  const changes: PlannedChange[] = [];
  const commands: PlannedCommand[] = [];
  const rollback: PlannedCommand[] = [];
  const warnings: string[] = [];
  const targets = nodeTargets(fleet, request, scope);
  if (targets.length === 0) {
    const where = request.cluster !== undefined ? ` in ${request.cluster}` : '';
    warnings.push(`no server named or addressed "${request.node}"${where} on any LB`);
  }
  // Unreachable LBs in scope are never planned: the plan lists them and is refused unless they are left out.
  const unreachable = unreachableIn(fleet, groupsOf(request, scope));
  const down = new Set(unreachable.map((u) => u.lb));
  for (const { server, lb } of targets) {
    const on = server.perLb[lb]!;
    const ref = `${server.backend}/${server.name}`;
    const shown = adminStateOf(on.row, on.state);
    const forced = forcedAdminOf(on.state, shown);
    let wanted: AdminTarget = request.action;
    if (request.action === 'ready' && record) {
      const saved = record.states.find((s) => s.lb === lb && s.backend === server.backend && s.server === server.name);
      // Not changed by lbtop's drain (it was already in maint, or appeared since): its state is not ours to undo.
      if (!saved) continue;
      wanted = saved.admin;
    }
    if (down.has(lb)) continue;
    if (request.action === 'drain' && shown === 'maint') {
      warnings.push(`${lb}: ${ref} is already in maintenance; left as is (a drain would put it back to taking sessions)`);
      continue;
    }
    if (forced === wanted && shown === wanted) continue;
    if (wanted === 'ready' && maintNotForced(on.state)) {
      warnings.push(`${lb}: ${ref} is in maintenance from the config or a tracked server; "ready" cannot clear that`);
    }
    changes.push({ lb, backend: server.backend, server: server.name, from: shown, to: wanted, sessions: on.row.scur });
    commands.push({ lb, command: adminCommand(server.backend, server.name, wanted), before: shown, expect: wanted });
    rollback.push({ lb, command: adminCommand(server.backend, server.name, forced), expect: forced });
  }
  if (targets.length > 0 && commands.length === 0) warnings.push(`"${request.node}" is already ${request.action} everywhere: nothing to send`);
  if (request.action === 'ready' && record) warnings.unshift(`restoring the states saved at ${record.savedAt} (before the ${record.action})`);
  const lbs = [...new Set(commands.map((c) => c.lb))];
  const backends = new Set(changes.map((c) => c.backend)).size;
  return {
    id: `node-${Date.now().toString(36)}-${(counter++).toString(36)}`,
    title: `${request.action} node ${request.node} (${changes.length} server(s) in ${backends} backend(s) on ${lbs.length} LB(s))`,
    kind: 'node',
    node: { name: request.node, action: request.action },
    changes,
    commands,
    rollback,
    warnings,
    unreachable,
  };
}

/** The LBs a node request reaches: an inventory group's when --cluster names one, else every LB. */
function groupsOf(request: Pick<NodeRequest, 'cluster'>, scope: NodeScope): readonly string[] | null {
  return request.cluster !== undefined ? scope.lbGroups?.get(request.cluster) ?? null : null;
}
