// Node drain: a node is a machine — every server at its address, whatever its name or port, on every backend of
// every LB (worker1 in the http and https backends of seed 000, a `node2-backup` server at node2's address in a
// second backend). What the operator typed is resolved first (store/nodes.ts): a name carried at several
// addresses plans nothing and lists the machines instead. One plan covers every (LB, backend, server) of the
// machine, with the exact commands and the sessions on each, and a rollback to each one's exact prior forced
// state. `ready` restores the states saved when the machine was drained (node-record.ts, keyed by address).
import type { BgpNodeMap } from '../model/bgp-nodes.js';
import type { Fleet, NodeMember } from '../model/fleet.js';
import type { AdminTarget } from '../model/haproxy.js';
import { adminStateOf, maintNotForced } from '../sources/haproxy/admin-state.js';
import { resolveNode, type NodeResolution } from '../store/nodes.js';
import type { NodeRecord } from './node-record.js';
import { matchOf, nodeNotes } from './node-notes.js';
import { adminCommand, findServer, forcedAdminOf } from './server-admin.js';
import type { Plan, PlannedChange, PlannedCommand } from './types.js';
import { unreachableIn } from './unreachable.js';

export type NodeAction = 'drain' | 'maint' | 'ready';

export interface NodeRequest {
  /** An address, a server name or a hostname. */
  node: string;
  action: NodeAction;
  /** Only backends of this cluster, or only LBs of this inventory group (see lbsOfScope). */
  cluster?: string;
  /** What a hostname NODE resolved to (asked by the composition root when no server carries the name). */
  resolved?: readonly string[];
  /** Kubernetes nodes read through BGP (store/bgp-nodes.ts): a NODE naming one takes the servers in its prefixes. */
  bgp?: BgpNodeMap | null;
}

export interface NodeScope {
  /** LB names of each inventory group (`--inventory`), so `--cluster` can name an LB set. */
  lbGroups?: ReadonlyMap<string, readonly string[]>;
}

/** The record saved by an earlier drain of this node, by its key (the machine's address). */
export type RecordLookup = (key: string) => NodeRecord | null;

let counter = 0;

export function resolveRequest(fleet: Fleet, request: Pick<NodeRequest, 'node' | 'cluster' | 'resolved' | 'bgp'>, scope: NodeScope = {}): NodeResolution {
  const lbGroup = request.cluster !== undefined ? scope.lbGroups?.get(request.cluster) : undefined;
  return resolveNode(fleet, {
    node: request.node,
    ...(request.cluster !== undefined ? { cluster: request.cluster } : {}),
    ...(lbGroup ? { lbGroup } : {}),
    ...(request.resolved ? { resolved: request.resolved } : {}),
    ...(request.bgp ? { bgp: request.bgp } : {}),
  });
}

/** A NODE no server carries, and not yet looked up, that can be a hostname: the one test both front ends use. */
export function wantsHostLookup(resolution: NodeResolution, request: Pick<NodeRequest, 'node' | 'resolved'>): boolean {
  return resolution.kind === 'unknown' && request.resolved === undefined && /[A-Za-z]/.test(request.node);
}

export function planNode(fleet: Fleet, request: NodeRequest, scope: NodeScope = {}, records: RecordLookup | NodeRecord | null = null): Plan {
  const resolution = resolveRequest(fleet, request, scope);
  const changes: PlannedChange[] = [];
  const commands: PlannedCommand[] = [];
  const rollback: PlannedCommand[] = [];
  const warnings: string[] = [];
  const key = resolution.kind === 'machine' ? resolution.address : request.node;
  const members: NodeMember[] = resolution.kind === 'machine' || resolution.kind === 'named' || resolution.kind === 'bgp' ? resolution.members : [];
  const base = {
    id: `node-${Date.now().toString(36)}-${(counter++).toString(36)}`,
    kind: 'node' as const,
    unreachable: unreachableIn(fleet, groupsOf(request, scope)),
  };
  if (resolution.kind === 'ambiguous') {
    const n = resolution.candidates.length;
    return {
      preview: 'servers',
      ...base,
      title: `${request.action} node ${request.node}: ${n} machines carry that name; pick one (nothing planned)`,
      node: { name: request.node, asked: request.node, action: request.action, candidates: resolution.candidates },
      changes, commands, rollback,
      warnings: [`"${request.node}" is the name of servers at ${n} addresses (${resolution.candidates.map((c) => c.address).join(', ')}): a node is one machine. Pick it with --cluster or by its address.`],
    };
  }
  if (resolution.kind === 'unknown') warnings.push(resolution.reason);
  else warnings.push(...nodeNotes(resolution, request));
  const record = typeof records === 'function' ? records(key) ?? (key !== request.node ? records(request.node) : null) : records;
  // Unreachable LBs in scope are never planned: the plan lists them and is refused unless they are left out.
  const down = new Set(base.unreachable.map((u) => u.lb));
  for (const m of members) {
    const on = findServer(fleet, m.backend, m.server)?.perLb[m.lb];
    if (!on) continue;
    const ref = `${m.backend}/${m.server}`;
    const shown = adminStateOf(on.row, on.state);
    const forced = forcedAdminOf(on.state, shown);
    let wanted: AdminTarget = request.action;
    if (request.action === 'ready' && record) {
      const saved = record.states.find((s) => s.lb === m.lb && s.backend === m.backend && s.server === m.server);
      // Not changed by lbtop's drain (it was already in maint, or appeared since): its state is not ours to undo.
      if (!saved) continue;
      wanted = saved.admin;
    }
    if (down.has(m.lb)) continue;
    if (request.action === 'drain' && shown === 'maint') {
      warnings.push(`${m.lb}: ${ref} is already in maintenance; left as is (a drain would put it back to taking sessions)`);
      continue;
    }
    if (forced === wanted && shown === wanted) continue;
    if (wanted === 'ready' && maintNotForced(on.state)) {
      warnings.push(`${m.lb}: ${ref} is in maintenance from the config or a tracked server; "ready" cannot clear that`);
    }
    const matched = matchOf(resolution, request, m);
    changes.push({ lb: m.lb, backend: m.backend, server: m.server, from: shown, to: wanted, sessions: on.row.scur, ...(matched ? { matched } : {}) });
    commands.push({ lb: m.lb, command: adminCommand(m.backend, m.server, wanted), before: shown, expect: wanted });
    rollback.push({ lb: m.lb, command: adminCommand(m.backend, m.server, forced), expect: forced });
  }
  if (members.length > 0 && commands.length === 0) warnings.push(`"${request.node}" is already ${request.action} everywhere: nothing to send`);
  if (request.action === 'ready' && record) warnings.unshift(`restoring the states saved at ${record.savedAt} (before the ${record.action})`);
  const lbs = [...new Set(commands.map((c) => c.lb))];
  const backends = new Set(changes.map((c) => c.backend)).size;
  const what = resolution.kind === 'machine' && resolution.via !== 'address' ? `${request.node} (${resolution.address})` : resolution.kind === 'bgp' ? `${request.node} (BGP: ${resolution.node.prefixes.join(', ')})` : request.node;
  return {
    preview: 'servers',
    ...base,
    title: `${request.action} node ${what} (${changes.length} server(s) in ${backends} backend(s) on ${lbs.length} LB(s))`,
    node: { name: key, asked: request.node, action: request.action, ...(wantsHostLookup(resolution, request) ? { hostLookup: true } : {}) },
    changes,
    commands,
    rollback,
    warnings,
  };
}

/** The LBs a node request reaches: an inventory group's when --cluster names one, else every LB. */
function groupsOf(request: Pick<NodeRequest, 'cluster'>, scope: NodeScope): readonly string[] | null {
  return request.cluster !== undefined ? scope.lbGroups?.get(request.cluster) ?? null : null;
}
