// After a partial failure (one LB applied, the next failed), the way back for the LBs that changed: the same
// plan inverted (runtime entries and file text back to exactly what was read), applied like any plan, so the
// preflight refuses it if someone changed the runtime or the file in the meantime.
import { createTwoFilesPatch } from 'diff';
import { aclCommands, atomicReplace, mapCommands } from '../../sources/haproxy/maps/commands.js';
import { entriesOf, parsePatternFile } from '../../sources/haproxy/maps/map-file.js';
import { supportsAtomicReplace } from '../../sources/haproxy/maps/read.js';
import type { MapsLbPlan, MapsPlan, MapsReport } from './types.js';

/** LBs of a failed report whose runtime or file changed (or may have: UNKNOWN) and can be put back. */
export function rollbackCandidates(report: MapsReport): string[] {
  if (report.ok) return [];
  return report.outcomes
    .filter((o) => o.status === 'applied' || o.status === 'unknown' || (o.status === 'failed' && o.steps.some((s) => /runtime: \d+ command/.test(s))))
    .filter((o) => !o.steps.includes('nothing to change'))
    .map((o) => o.lb);
}

function invert(plan: MapsPlan, l: MapsLbPlan): MapsLbPlan {
  const atomic = supportsAtomicReplace(l.input.version);
  const prepare = plan.kind === 'map' ? mapCommands.prepare(plan.file) : aclCommands.prepare(plan.file);
  const predicted = (l.input.nextVer ?? 0) + 2;
  const file = l.file && l.file.diff !== ''
    ? { ...l.file, before: l.file.after, after: l.file.before, diff: createTwoFilesPatch(`a${l.file.path}`, `b${l.file.path}`, l.file.after, l.file.before, undefined, undefined, { context: 2 }) }
    : null;
  return {
    ...l,
    before: l.after,
    after: l.before,
    entryDiff: '',
    commands: atomic ? [prepare, ...atomicReplace(plan.kind, plan.file, l.before, predicted)] : l.rollback,
    atomic: atomic ? { predicted } : null,
    rollback: [],
    file,
    noop: false,
    afterReload: l.input.after.mode === 'reload' ? reloadedEntries(plan.kind, l.before, file) : null,
  };
}

/** What the reload after the way back loads, when it differs from the entries put back (see MapsLbPlan). */
function reloadedEntries(kind: MapsPlan['kind'], entries: MapsLbPlan['before'], file: MapsLbPlan['file']): MapsLbPlan['afterReload'] {
  if (file === null) return null;
  const loaded = entriesOf(parsePatternFile(file.after, kind)).map((e) => (kind === 'map' ? { key: e.key, value: e.value ?? '' } : { key: e.key }));
  const same = loaded.length === entries.length && loaded.every((e, i) => e.key === entries[i]!.key && (e.value ?? '') === (entries[i]!.value ?? ''));
  return same ? null : loaded;
}

export function rollbackPlan(report: MapsReport): MapsPlan {
  const lbs = new Set(rollbackCandidates(report));
  const plan = report.plan;
  return { ...plan, id: `${plan.id}-rollback`, title: `roll back: ${plan.title}`, lbs: plan.lbs.filter((l) => lbs.has(l.lb)).map((l) => invert(plan, l)), errors: [], warnings: [] };
}
