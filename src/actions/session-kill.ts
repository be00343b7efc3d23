// Ending sessions, as a Plan: one session (`shutdown session <id>`) or every session of a server
// (`shutdown sessions server <b>/<s>`), on the LBs that carry them. Planned from a fresh read of `show sess`, so the
// preview lists what will be cut (client, age, bytes) and verify can tell the sessions it ended from new ones.
// Nothing to roll back: an ended session cannot be restored, which the preview says.
import type { HaproxySession } from '../model/sessions.js';
import { buildCommand } from '../sources/haproxy/command.js';
import { formatAge } from '../sources/haproxy/sessions/human-time.js';
import type { FleetSessions } from './session-read.js';
import type { Plan, PlannedChange, PlannedCommand } from './types.js';

export interface SessionKillTarget {
  backend: string;
  server: string;
  /** One session's id ("0x55…"): only it is ended; without it, every session of the server. */
  id?: string;
}

let seq = 0;

export function planSessionKill(reads: readonly FleetSessions[], target: SessionKillTarget): Plan {
  const where = `${target.backend}/${target.server}`;
  const changes: PlannedChange[] = [];
  const commands: PlannedCommand[] = [];
  const warnings: string[] = [];
  const refused: string[] = [];
  for (const r of reads) {
    if ('error' in r) {
      warnings.push(`${r.lb}: sessions not read (${r.error}); nothing planned there`);
      continue;
    }
    const all = r.read.sessions;
    const cut = target.id === undefined ? all : all.filter((s) => s.id === target.id);
    if (cut.length === 0) continue;
    changes.push({ lb: r.lb, backend: target.backend, server: target.server, from: `${all.length} sessions`, to: `${all.length - cut.length} sessions`, sessions: all.length });
    const command = target.id === undefined ? buildCommand('shutdown', 'sessions', 'server', where) : buildCommand('shutdown', 'session', target.id);
    commands.push({ lb: r.lb, command, before: cut.map(describe).join('; '), expect: 'gone', sessions: cut.map((s) => ({ id: s.id, client: s.client })) });
  }
  if (target.id !== undefined) {
    const lbs = commands.map((c) => c.lb);
    if (lbs.length === 0) warnings.push(`session ${target.id} is not on ${where} on any LB read (ended already, or another server's)`);
    // A pointer names a stream inside one process: the same value on two LBs is two different sessions.
    if (lbs.length > 1) refused.push(`session ${target.id} exists on ${lbs.join(', ')}: name the LB (--lb) whose session to end`);
  } else if (commands.length === 0) warnings.push(`no sessions on ${where} on the LBs read`);
  warnings.push('ended sessions cannot be restored: their clients reconnect (to another server when this one is drained)');
  const title = target.id === undefined ? `end every session of ${where} on ${commands.map((c) => c.lb).join(', ') || 'no LB'}` : `end session ${target.id} of ${where}`;
  return { preview: 'servers', id: `sessions-${Date.now()}-${++seq}`, title, kind: 'sessions', changes, commands, rollback: [], warnings, ...(refused.length ? { refused } : {}) };
}

/** "127.0.0.1:41784 age 2m05s in 46 B out 85 B": what the preview shows of a session about to be cut. */
export function describe(s: HaproxySession): string {
  const bytes = s.bytesIn === null ? '' : ` in ${s.bytesIn} B out ${s.bytesOut ?? '?'} B`;
  return `${s.client ?? s.id} age ${formatAge(s.ageSec)}${bytes}`;
}

/** Several servers' plans as one (the drain progress view's offer): one preview, one apply, LB by LB. */
export function mergeSessionPlans(plans: readonly Plan[], title: string): Plan {
  const warnings = [...new Set(plans.flatMap((p) => p.warnings))];
  const refused = plans.flatMap((p) => p.refused ?? []);
  return {
    preview: 'servers',
    id: `sessions-${Date.now()}-${++seq}`,
    title,
    kind: 'sessions',
    changes: plans.flatMap((p) => p.changes),
    // applyPlan groups by LB in first-seen order: sorted, each LB's commands go over one connection together.
    commands: plans.flatMap((p) => p.commands).sort((a, b) => a.lb.localeCompare(b.lb)),
    rollback: [],
    warnings,
    ...(refused.length ? { refused } : {}),
  };
}
