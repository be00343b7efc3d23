// Undo of a history entry: its recorded way back (the plan record's rollback: each server's prior state or
// weight, history.ts), re-planned against the state the LBs show now. A server is put back only where it still
// shows what the action left it in; where the state moved on since (someone set it ready, a later drain), undo
// would overwrite a newer decision, so it is left out and the preview says so. The result is an ordinary Plan
// (kind 'undo') for the one write path: preview, confirm, apply, verify, report, rollback (back to what the
// action set). Failovers, map/ACL edits and raw commands are not undone here, and the reason is given.
import type { Fleet } from '../model/fleet.js';
import { adminStateOf } from '../sources/haproxy/admin-state.js';
import type { AuditStep } from './audit-log.js';
import type { HistoryEntry } from './history.js';
import { findServer, forcedAdminOf } from './server-admin.js';
import type { Plan, PlannedChange, PlannedCommand } from './types.js';
import { isReachable, unreachableIn } from './unreachable.js';

export type UndoResult = { offered: true; plan: Plan } | { offered: false; reason: string };

const TARGET = /^set server (\S+?)\/(\S+) (state|weight) (\S+)$/;

let counter = 0;

/** Why this entry has no way back lbtop can re-plan, or null when it has one. */
export function undoRefusal(entry: HistoryEntry): string | null {
  if (entry.undoNote !== undefined) return entry.undoNote;
  if (entry.kind === 'vip-move' || entry.kind === 'bgp' || entry.kind === 'failover') {
    return 'undo not offered for a failover: moving the VIP back is another failover, with its own pre-checks (VRRP priorities, peers in sync, BGP sessions); run it as one (lbtop vip move, lbtop bgp enable)';
  }
  if (entry.kind === 'sessions') return 'undo not offered: ended sessions cannot be brought back (their clients reconnect on their own)';
  if (entry.kind === 'table-clear') return 'undo not offered: a cleared stick-table entry cannot be put back (its counters are gone; the next request from that key starts a new one)';
  if (entry.kind === 'cli') return 'undo not offered for a raw command (CLI view, lbtop cli): lbtop does not know what it replaced';
  if (entry.rollback === undefined) return 'undo not offered: this entry was written by an lbtop that did not record the way back';
  if (entry.rollback.length === 0) return 'undo not offered: the action recorded no way back (a rollback, or nothing to change)';
  const odd = entry.rollback.find((s) => !TARGET.test(s.command));
  if (odd) return `undo not offered: the way back holds "${odd.command.split('\n')[0]}", which undo does not re-plan`;
  return null;
}

interface Now {
  seen: string;
  sessions: number | null;
}

/** What the server shows now on that LB, in the form the plan's `expect` uses ("drain", "weight 50"); null: absent. */
function current(fleet: Fleet, lb: string, backend: string, server: string, field: string): Now | null {
  const on = findServer(fleet, backend, server)?.perLb[lb];
  if (!on) return null;
  const seen = field === 'weight' ? `weight ${on.state?.userWeight ?? on.row.weight ?? 0}` : forcedAdminOf(on.state, adminStateOf(on.row, on.state));
  return { seen, sessions: on.row.scur };
}

export function planUndo(entry: HistoryEntry, fleet: Fleet): UndoResult {
  const refusal = undoRefusal(entry);
  if (refusal !== null) return { offered: false, reason: refusal };
  const changes: PlannedChange[] = [];
  const commands: PlannedCommand[] = [];
  const rollback: PlannedCommand[] = [];
  const warnings: string[] = [];
  const lbs = [...new Set(entry.rollback!.map((s) => s.lb))];
  const down = new Set(unreachableIn(fleet, lbs).map((u) => u.lb));
  for (const back of entry.rollback!) {
    const [, backend, server, field, value] = TARGET.exec(back.command)!;
    const ref = `${backend}/${server}`;
    const prior = field === 'weight' ? `weight ${value}` : value!;
    const forward = entry.steps?.find((s) => s.lb === back.lb && forwardTarget(s) === `${ref} ${field}`);
    const sent = entry.commands.find((c) => c.lb === back.lb && forward !== undefined && c.command === forward.command);
    if (!forward?.expect) {
      warnings.push(`${back.lb}: ${ref}: the action's own command is not in the record; left out`);
      continue;
    }
    if (prior === forward.expect) continue; // it was already so before the action: nothing of ours to undo
    if (!sent || (sent.result !== 'done' && sent.result !== 'unknown')) {
      warnings.push(`${back.lb}: ${ref}: the action did not change it there (${sent ? sent.result : 'not sent'}); left out`);
      continue;
    }
    if (!fleet.lbs.some((h) => h.name === back.lb)) {
      warnings.push(`${back.lb}: not one of the LBs lbtop watches now; left out`);
      continue;
    }
    if (down.has(back.lb) || !isReachable(fleet, back.lb)) continue; // listed as unreachable below
    const now = current(fleet, back.lb, backend!, server!, field!);
    if (!now) {
      warnings.push(`${back.lb}: ${ref} is no longer there; left out`);
      continue;
    }
    if (now.seen !== forward.expect) {
      warnings.push(`${back.lb}: ${ref} is ${now.seen} now, not ${forward.expect} as the action left it: it moved on since; left out`);
      continue;
    }
    changes.push({ lb: back.lb, backend: backend!, server: server!, from: now.seen, to: prior, sessions: now.sessions });
    commands.push({ lb: back.lb, command: back.command, before: now.seen, expect: prior });
    rollback.push({ lb: back.lb, command: forward.command, expect: forward.expect });
  }
  if (commands.length === 0) warnings.push('nothing to undo: no server still shows what the action left it in');
  return {
    offered: true,
    plan: {
      preview: 'servers',
      id: `undo-${Date.now().toString(36)}-${(counter++).toString(36)}`,
      title: `undo: ${entry.title}`,
      kind: 'undo',
      undoOf: entry.id,
      ...(entry.kind === 'node' ? { fanout: true } : {}),
      ...(entry.nodeRecord !== undefined ? { clearsNodeRecord: entry.nodeRecord } : {}),
      changes,
      commands,
      rollback,
      warnings,
      unreachable: unreachableIn(fleet, lbs),
    },
  };
}

function forwardTarget(step: AuditStep): string | null {
  const m = TARGET.exec(step.command);
  return m ? `${m[1]}/${m[2]} ${m[3]}` : null;
}

/** The entry `lbtop undo ID` names: its plan id, or a unique prefix of it. */
export function findEntry(entries: readonly HistoryEntry[], id: string): HistoryEntry | string {
  const exact = entries.find((e) => e.id === id);
  if (exact) return exact;
  const matches = entries.filter((e) => e.id.startsWith(id));
  if (matches.length === 1) return matches[0]!;
  return matches.length === 0 ? `no action ${id} in the audit log (lbtop history lists them)` : `${id} names ${matches.length} actions: give more of the id`;
}
