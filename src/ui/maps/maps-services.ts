// What the map editor's views need from the rest of lbtop (injected by cli.ts, like AppServices): read the maps and
// ACLs, plan and apply edits, drift, trace, certificates, and $EDITOR. The UI does no I/O of its own.
import type { LbPatterns, PatternKind } from '../../model/maps.js';
import type { DriftItem, DriftReport } from '../../model/drift.js';
import type { CertInfo } from '../../model/certs.js';
import type { MapsEdit, MapsLbOutcome, MapsPlan, MapsReport } from '../../actions/maps/types.js';
import type { FleetTrace } from '../../actions/trace-read.js';
import type { Plan } from '../../actions/types.js';
import type { ConfigEditPlan } from '../../actions/config-edit-apply.js';

export type { ConfigEditPlan };

export interface MapsServices {
  readPatterns(): Promise<LbPatterns[]>;
  planEdit(kind: PatternKind, file: string, edit: MapsEdit, lbs: readonly string[]): Promise<MapsPlan>;
  applyEdit(plan: MapsPlan): Promise<MapsReport>;
  /** `polled`: the periodic check, which may compare with the poller's server states instead of asking. */
  readDrift(options?: { polled?: boolean }): Promise<DriftReport>;
  /** Pattern drift fixed by a map/ACL plan; server drift to runtime by a runtime plan (the usual preview). */
  planDriftFix(item: DriftItem, direction: 'to-disk' | 'to-runtime'): Promise<MapsPlan | Plan | ConfigEditPlan>;
  applyConfigEdit(plan: ConfigEditPlan): Promise<MapsLbOutcome>;
  trace(target: string, sni: boolean): Promise<FleetTrace>;
  readCerts(): Promise<CertInfo[]>;
  /** Opens $EDITOR on the text (the terminal is handed over meanwhile); null when the editor failed. */
  editText(text: string, name: string): string | null;
}

