// Maps and ACL files as the routing editor sees them on one LB: what the runtime holds, what the file on disk
// holds, and where the config uses each file. Imports nothing.

export type PatternKind = 'map' | 'acl';

/** A place in haproxy.cfg that refers to a map or ACL file. */
export interface PatternUse {
  file: string;
  /** The frontend/backend/listen/defaults section, by name. */
  proxy: string;
  proxyKind: string;
  /** 1-based line in the config file. */
  line: number;
  /** `acl NAME`, `use_backend`, `http-request set-header`, ... */
  rule: string;
  /** The converter or match that reads it: `map_dom`, `map_beg`, `-f`. */
  via: string;
  /** For an ACL: its match method (`ip`, `str`, `beg`...), which decides what a valid pattern is. */
  match?: string;
}

export interface PatternEntryRow {
  key: string;
  /** Undefined for ACL entries. */
  value?: string;
}

/** One map or ACL file on one LB, addressed by its file name. */
export interface PatternTable {
  kind: PatternKind;
  file: string;
  /** `show map` / `show acl` list data; the id is informational only (it changes across reloads). */
  id: number | null;
  description: string;
  currVer: number | null;
  nextVer: number | null;
  entries: PatternEntryRow[];
  uses: PatternUse[];
}

/** What lbtop read of one LB's routing: tables from the runtime, and the config file if it could be read. */
export interface LbPatterns {
  lb: string;
  /** HAProxy version string from `show info`, for the ≥ 2.4 prepare/commit decision. */
  version: string | null;
  maps: PatternTable[];
  acls: PatternTable[];
  /** Path of haproxy.cfg on the host and why it could not be used, when it could not. */
  configPath: string | null;
  configError: string | null;
  error: string | null;
}

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
