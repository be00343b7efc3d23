// Drift: what differs between an LB's runtime and its files on disk, which a reload would silently revert (map/ACL
// entries, server admin states and weights). Built by src/actions/drift.ts. Imports nothing outside the model.
import type { PatternEntryRow, PatternKind } from './maps.js';

/** One runtime-vs-disk difference that a reload would silently revert. */
export type DriftItem =
  | {
      kind: 'pattern';
      lb: string;
      table: PatternKind;
      file: string;
      /** Entries only the runtime has (a reload drops them) and only the file has (a reload brings them back). */
      runtimeOnly: PatternEntryRow[];
      diskOnly: PatternEntryRow[];
      /** Same key, different value: runtime value → file value. */
      changed: { key: string; runtime: string; disk: string }[];
      /** True when the same entries are present but in a different order (matters for map_beg/map_reg). */
      orderOnly: boolean;
    }
  | {
      kind: 'server';
      lb: string;
      backend: string;
      server: string;
      /** Config line of the `server` keyword. */
      line: number;
      field: 'admin' | 'weight';
      runtime: string;
      disk: string;
    };

export interface DriftReport {
  lbs: { lb: string; checked: boolean; error: string | null; serverStateFile: boolean }[];
  items: DriftItem[];
}
