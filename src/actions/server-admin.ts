// Plans for ready / drain / maint and weight on one server, on one LB or on every LB that has its backend.
import type { Fleet, LogicalServer } from '../model/fleet.js';
import { SrvAdmin, type AdminTarget, type ServerState } from '../model/haproxy.js';
import { adminStateOf, maintNotForced } from '../sources/haproxy/admin-state.js';
import { buildCommand } from '../sources/haproxy/command.js';
import { isPlaceholderSlot } from '../sources/haproxy/placeholder.js';
import type { Plan, PlannedChange, PlannedCommand } from './types.js';
import { staticWeightRefusal } from './static-weight.js';
import { isReachable, unreachableIn } from './unreachable.js';

export interface ServerTarget {
  backend: string;
  server: string;
  /** LBs to act on; empty = every LB that has this server. */
  lbs: string[];
}

export type WeightRequest = number | 'restore' | { delta: number } | { percent: number };

let counter = 0;
const nextId = () => `plan-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function findServer(fleet: Fleet, backend: string, server: string): LogicalServer | null {
  for (const cluster of fleet.clusters) {
    const be = cluster.backends.find((b) => b.name === backend);
    const sv = be?.servers.find((s) => s.name === server);
    if (sv) return sv;
  }
  return null;
}

/** The forced admin state, which is all `set server state` changes and so all a rollback must restore. */
export function forcedAdminOf(state: ServerState | null, fallback: AdminTarget): AdminTarget {
  if (!state) return fallback;
  if (state.adminState & SrvAdmin.FMAINT) return 'maint';
  if (state.adminState & SrvAdmin.FDRAIN) return 'drain';
  return 'ready';
}

export function adminCommand(backend: string, server: string, admin: AdminTarget): string {
  return buildCommand('set', 'server', `${backend}/${server}`, 'state', admin);
}

export function weightCommand(backend: string, server: string, weight: number): string {
  return buildCommand('set', 'server', `${backend}/${server}`, 'weight', String(weight));
}

export function planServerAdmin(fleet: Fleet, target: ServerTarget, admin: AdminTarget): Plan {
  const scope = resolveScope(fleet, target);
  const changes: PlannedChange[] = [];
  const commands: PlannedCommand[] = [];
  const rollback: PlannedCommand[] = [];
  for (const { lb, on } of scope.lbs) {
    const shown = adminStateOf(on.row, on.state);
    const forced = forcedAdminOf(on.state, shown);
    changes.push({ lb, backend: target.backend, server: target.server, from: shown, to: admin, sessions: on.row.scur });
    commands.push({ lb, command: adminCommand(target.backend, target.server, admin), before: shown, expect: admin });
    rollback.push({ lb, command: adminCommand(target.backend, target.server, forced), expect: forced });
    if (admin === 'ready' && maintNotForced(on.state)) {
      scope.warnings.push(`${lb}: ${target.backend}/${target.server} is in maintenance from the config or a tracked server; "ready" cannot clear that`);
    }
    if (admin !== 'maint' && isPlaceholderSlot(on.row, on.state)) {
      scope.warnings.push(`${lb}: ${target.backend}/${target.server} is an ingress controller's empty slot (127.0.0.1:1): it would take traffic to nothing; the controller fills slots itself`);
    }
  }
  return {
    preview: 'servers',
    id: nextId(),
    title: `${admin} ${target.backend}/${target.server} on ${scope.lbs.map((l) => l.lb).join(', ') || 'no LB'}`,
    kind: 'server-admin',
    changes,
    commands,
    rollback,
    warnings: scope.warnings,
    unreachable: scope.unreachable,
  };
}

export function planServerWeight(fleet: Fleet, target: ServerTarget, request: WeightRequest): Plan {
  const scope = resolveScope(fleet, target);
  const changes: PlannedChange[] = [];
  const commands: PlannedCommand[] = [];
  const rollback: PlannedCommand[] = [];
  const refused: string[] = [];
  for (const { lb, on } of scope.lbs) {
    const current = on.state?.userWeight ?? on.row.weight ?? 0;
    const initial = on.state?.initialWeight ?? current;
    const wanted =
      request === 'restore' ? initial
      : typeof request === 'number' ? request
      : 'percent' in request ? (initial * request.percent) / 100
      : current + request.delta;
    const weight = Math.max(0, Math.min(256, Math.round(wanted)));
    if (weight === current) {
      scope.warnings.push(`${lb}: weight is already ${weight}; nothing to send`);
      continue;
    }
    const algo = backendRow(fleet, target.backend, lb)?.algo ?? '';
    const refusal = staticWeightRefusal(algo, `${lb}: ${target.backend}`, weight, on.state ? on.state.initialWeight : null);
    if (refusal !== null) refused.push(refusal);
    changes.push({ lb, backend: target.backend, server: target.server, from: `weight ${current}`, to: `weight ${weight}`, sessions: on.row.scur });
    commands.push({ lb, command: weightCommand(target.backend, target.server, weight), before: `weight ${current}`, expect: `weight ${weight}` });
    rollback.push({ lb, command: weightCommand(target.backend, target.server, current), expect: `weight ${current}` });
  }
  const what =
    request === 'restore' ? 'restore weight'
    : typeof request === 'number' ? `weight ${request}`
    : 'percent' in request ? `weight ${request.percent}%`
    : `weight ${request.delta > 0 ? '+' : ''}${request.delta}`;
  const title = `${what} ${target.backend}/${target.server} on ${scope.lbs.map((l) => l.lb).join(', ') || 'no LB'}`;
  // Refused as a whole, before anything is sent: HAProxy would refuse it on every LB of this backend anyway, and
  // a weight set on some LBs of a pair and not the others is drift.
  if (refused.length > 0) {
    return { preview: 'servers', id: nextId(), title: `${title}: REFUSED`, kind: 'server-weight', changes: [], commands: [], rollback: [], warnings: [...refused.map((r) => `REFUSED ${r}`), ...scope.warnings], unreachable: scope.unreachable, refused };
  }
  return {
    preview: 'servers',
    id: nextId(),
    title,
    kind: 'server-weight',
    changes,
    commands,
    rollback,
    warnings: scope.warnings,
    unreachable: scope.unreachable,
  };
}

function backendRow(fleet: Fleet, backend: string, lb: string) {
  for (const cluster of fleet.clusters) {
    const be = cluster.backends.find((b) => b.name === backend);
    if (be) return be.perLb[lb] ?? null;
  }
  return null;
}

/**
 * The LBs to act on. Without --lb that is every LB that has the server, and every unreachable LB (it may have it):
 * those are listed in `unreachable`, never planned, and the plan is refused unless the operator leaves them out.
 */
function resolveScope(fleet: Fleet, target: ServerTarget) {
  const warnings: string[] = [];
  const unreachable = unreachableIn(fleet, target.lbs.length > 0 ? target.lbs : null);
  const server = findServer(fleet, target.backend, target.server);
  if (!server) {
    warnings.push(`no server ${target.backend}/${target.server} on any ${unreachable.length ? 'reachable ' : ''}LB`);
    return { lbs: [], warnings, unreachable };
  }
  const wanted = (target.lbs.length > 0 ? target.lbs : Object.keys(server.perLb)).filter((lb) => isReachable(fleet, lb));
  const lbs = [];
  for (const lb of wanted) {
    const on = server.perLb[lb];
    if (on) lbs.push({ lb, on });
    else warnings.push(`${lb}: has no server ${target.backend}/${target.server}; skipped`);
  }
  return { lbs, warnings, unreachable };
}
