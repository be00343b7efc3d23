// LBs that did not answer when a write was planned. lbtop cannot tell what an unreachable LB carries now, so a
// plan whose scope includes one is refused unless the operator leaves it out on purpose: a drain that silently
// skipped h2 would leave the server taking traffic there while the runbook goes on.
import type { Fleet } from '../model/fleet.js';

/** The unreachable LBs among `scope` (null: every LB of the fleet). */
export function unreachableIn(fleet: Fleet, scope: readonly string[] | null): { lb: string; error: string }[] {
  return fleet.lbs
    .filter((h) => !h.ok && (scope === null || scope.includes(h.name)))
    .map((h) => ({ lb: h.name, error: h.error ?? 'no answer' }));
}

export function isReachable(fleet: Fleet, lb: string): boolean {
  return fleet.lbs.find((h) => h.name === lb)?.ok ?? false;
}
