// Maps and ACL files as the map editor sees them on one LB: what the runtime holds, what the file on disk
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

/** What lbtop read of one LB's maps and ACL files: tables from the runtime, and the config file if it could be read. */
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

/** One row of `show map` / `show acl` (list mode). Addressed by `file`; `id` is runtime-assigned and shared. */
export interface PatternRef {
  id: number;
  /** Empty for an anonymous ACL declared inline in the config. */
  file: string;
  description: string;
  /** For anonymous ACLs: the fetch keyword and where it is declared. */
  keyword?: string;
  configFile?: string;
  configLine?: number;
  currVer: number | null;
  nextVer: number | null;
  entryCount: number | null;
}

/** One entry of `show map FILE` / `show acl FILE`. `ref` is HAProxy's `#0x...` handle for `del`/`set`. */
export interface PatternEntry {
  ref: string;
  key: string;
  /** Undefined for ACL entries. */
  value?: string;
}
