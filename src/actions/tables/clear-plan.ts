// `clear table NAME key K` on every LB that shares the table (the same name), or on the LBs asked for: a Plan
// (kind 'table-clear') previewed like every write, the entry shown as each LB holds it now. Peers do not carry a
// deletion (HAProxy clears locally only, and a peer's later update of the key brings it back), so the default is
// every LB that has the table. A cleared entry cannot be put back as it was (rates and counters restart): no
// rollback is offered.
import type { StickEntry } from '../../model/tables.js';
import { buildCommand } from '../../sources/haproxy/command.js';
import type { Plan, PlannedChange, PlannedCommand } from '../types.js';
import { entrySummary } from './entry-text.js';

/** What one LB said when asked for the key: the entry, none, no such table there, or no answer. */
export type KeyReading =
  | { lb: string; kind: 'entry'; entry: StickEntry }
  | { lb: string; kind: 'absent' }
  | { lb: string; kind: 'no-table' }
  /** HAProxy answered with an error (a key that is not an address for an ip table…). */
  | { lb: string; kind: 'refused'; error: string }
  | { lb: string; kind: 'error'; error: string };

let counter = 0;

export function planTableClear(table: string, key: string, readings: readonly KeyReading[], asked: readonly string[] = []): Plan {
  const changes: PlannedChange[] = [];
  const commands: PlannedCommand[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const unreachable: { lb: string; error: string }[] = [];
  for (const r of readings) {
    if (r.kind === 'entry') {
      changes.push({ lb: r.lb, backend: table, server: key, from: `use=${r.entry.use}`, to: 'cleared', sessions: r.entry.use });
      commands.push({ lb: r.lb, command: buildCommand('clear', 'table', table, 'key', key), before: entrySummary(r.entry), readBack: { table, key } });
      notes.push(`${r.lb}: ${entrySummary(r.entry)}`);
      if (r.entry.use > 0) warnings.push(`${r.lb}: ${r.entry.use} session(s) track this entry now: HAProxy refuses to clear an entry in use ("Entry currently in use")`);
    } else if (r.kind === 'absent') notes.push(`${r.lb}: no entry for ${key} (nothing to send)`);
    else if (r.kind === 'no-table') (asked.includes(r.lb) ? warnings : notes).push(`${r.lb}: has no table ${table}`);
    else if (r.kind === 'refused') warnings.push(`${r.lb}: ${r.error}`);
    else unreachable.push({ lb: r.lb, error: r.error });
  }
  if (commands.length === 0 && unreachable.length === 0) warnings.push(`no LB holds ${key} in ${table}: nothing to clear`);
  warnings.push('a cleared entry cannot be put back as it was: no rollback');
  const lbs = changes.map((c) => c.lb);
  return {
    preview: 'servers',
    id: `table-clear-${Date.now().toString(36)}-${(counter++).toString(36)}`,
    title: `clear ${table} key ${key} on ${lbs.length ? lbs.join(', ') : 'no LB'}`,
    kind: 'table-clear',
    changes,
    commands,
    rollback: [],
    warnings,
    notes,
    ...(unreachable.length ? { unreachable } : {}),
  };
}
