// State of the routing views (MAPS/ACLS, DRIFT, CERTS, TRACE) and of their own dialogs: a text prompt, a
// preview of a map/ACL plan or of a haproxy.cfg edit, "applying", and the result.
import type { PatternPlan, PatternReport } from '../../actions/pattern-types.js';
import type { FleetTrace } from '../../actions/trace-read.js';
import type { CertInfo } from '../../model/certs.js';
import type { DriftReport, LbPatterns, PatternKind } from '../../model/patterns.js';
import type { Line } from '../../present/line.js';
import type { ConfigEditPlan } from './routing-services.js';

export type RoutingView = 'maps' | 'drift' | 'certs' | 'trace';

export type RoutingDialog =
  | { kind: 'input'; label: string; text: string; purpose: 'add' | 'change' | 'trace'; key?: string }
  | { kind: 'busy'; title: string }
  | { kind: 'pattern-preview'; plan: PatternPlan; shownAt: number }
  | { kind: 'config-preview'; plan: ConfigEditPlan; shownAt: number }
  | { kind: 'result'; title: string; lines: Line[]; ok: boolean; report?: PatternReport };

export interface Loaded<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
  at: number | null;
}

export interface RoutingState {
  kind: PatternKind;
  patterns: Loaded<LbPatterns[]>;
  drift: Loaded<DriftReport>;
  certs: Loaded<CertInfo[]>;
  trace: Loaded<FleetTrace>;
  /** The file whose entries are shown; null shows the list of files. */
  open: string | null;
  /** Cursor per list: files, entries, drift, certs; scroll of the trace text. */
  cursor: { files: number; entries: number; drift: number; certs: number; trace: number };
  dialog: RoutingDialog | null;
}

export const empty = <T>(): Loaded<T> => ({ value: null, error: null, loading: false, at: null });

export function initialRoutingState(): RoutingState {
  return {
    kind: 'map',
    patterns: empty(),
    drift: empty(),
    certs: empty(),
    trace: empty(),
    open: null,
    cursor: { files: 0, entries: 0, drift: 0, certs: 0, trace: 0 },
    dialog: null,
  };
}

export function isRoutingView(view: string): view is RoutingView {
  return view === 'maps' || view === 'drift' || view === 'certs' || view === 'trace';
}
