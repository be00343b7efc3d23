// The map editor's bits of chrome: the header's DRIFT marker and the footer's hint scope while a maps
// dialog owns the keyboard.
import type { Scope } from '../../keymap/bindings.js';
import type { DriftReport } from '../../model/drift.js';
import type { Loaded, MapsDialog } from './maps-state.js';

/** "DRIFT 3 vs disk" when a reload would revert something; "DRIFT ?" when an LB could not be checked. */
export function driftMarker(drift: Loaded<DriftReport>): string | undefined {
  const r = drift.value;
  if (!r) return undefined;
  if (r.items.length > 0) return `DRIFT ${r.items.length} vs disk`;
  if (r.lbs.some((l) => !l.checked)) return 'DRIFT ? (not checked everywhere)';
  return undefined;
}

export function mapsHintScope(dialog: MapsDialog | null): Scope | null {
  if (!dialog) return null;
  return dialog.kind === 'input' ? 'prompt' : 'report';
}
