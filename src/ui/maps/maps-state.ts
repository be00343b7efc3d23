// State of the map editor's views (MAPS/ACLS, DRIFT, CERTS, TRACE) and of their own dialogs: a text prompt, and a
// busy line while a file is read for $EDITOR. Their writes go through the one write dialog (useWriteFlow).
import type { FleetTrace } from '../../actions/trace-read.js';
import type { CertInfo } from '../../model/certs.js';
import type { LbPatterns, PatternKind } from '../../model/maps.js';
import type { DriftReport } from '../../model/drift.js';

export type MapsView = 'maps' | 'drift' | 'certs' | 'trace';

export type MapsDialog =
  | { kind: 'input'; label: string; text: string; purpose: 'add' | 'change' | 'trace'; key?: string }
  | { kind: 'busy'; title: string };

export interface Loaded<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
  at: number | null;
}

export interface MapsState {
  kind: PatternKind;
  patterns: Loaded<LbPatterns[]>;
  drift: Loaded<DriftReport>;
  certs: Loaded<CertInfo[]>;
  trace: Loaded<FleetTrace>;
  /** The file whose entries are shown; null shows the list of files. */
  open: string | null;
  /** Cursor per list: files, entries, drift, certs; scroll of the trace text. */
  cursor: { files: number; entries: number; drift: number; certs: number; trace: number };
  dialog: MapsDialog | null;
}

export const empty = <T>(): Loaded<T> => ({ value: null, error: null, loading: false, at: null });

export function initialMapsState(): MapsState {
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

export function isMapsView(view: string): view is MapsView {
  return view === 'maps' || view === 'drift' || view === 'certs' || view === 'trace';
}
