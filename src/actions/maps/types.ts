// The plan of a map/ACL edit on one or several LBs: per LB, the entries before and after, the exact runtime
// commands, and the file on disk before and after. Built by plan.ts, sent by apply.ts.
import type { PatternEntryRow, PatternKind, PatternUse } from '../../model/maps.js';

export type MapsEdit =
  | { op: 'add'; key: string; value?: string }
  | { op: 'set'; key: string; value: string }
  | { op: 'del'; key: string }
  /** The whole list ($EDITOR, `lbtop map replace`, a drift fix). */
  | { op: 'replace'; entries: PatternEntryRow[] };

/** What happens after the file is written on an LB (per-LB config `haproxy.after_write`). */
export interface AfterWrite {
  /** `none`: write the file only; `check`: also `haproxy -c -f CONFIG`; `reload`: check, then reload. */
  mode: 'none' | 'check' | 'reload';
  configPath: string | null;
  /** `haproxy -c` with this binary (`haproxy.bin`); null: the LB's running binary (lb-binary.ts). */
  bin: string | null;
  /** `master`: the master CLI's `reload`; `systemctl`: `systemctl reload SERVICE`. */
  via: 'master' | 'systemctl';
  service: string;
}

/** What lbtop read of one LB before planning; the apply checks that nothing moved since. */
export interface MapsLbInput {
  lb: string;
  /** The LB could not be read at all (unreachable, refused): nothing is planned there. */
  error: string | null;
  version: string | null;
  /** From `show map` (list): the version `prepare` will most likely create is nextVer + 1. */
  nextVer: number | null;
  runtime: PatternEntryRow[] | null;
  uses: PatternUse[];
  /** The file as read from the LB's disk; null when it could not be read (then nothing is persisted there). */
  disk: { text: string; exists: boolean } | null;
  diskError: string | null;
  after: AfterWrite;
}

export interface MapsLbPlan {
  lb: string;
  input: MapsLbInput;
  before: PatternEntryRow[];
  after: PatternEntryRow[];
  /** Unified diff of the runtime entries (`key value` lines). */
  entryDiff: string;
  /** Exact lines to send; with prepare/commit, `@N` is the predicted version, replaced by prepare's answer. */
  commands: string[];
  atomic: { predicted: number } | null;
  /** Commands that put the runtime entries back (same form). */
  rollback: string[];
  /** The file on disk: before and after text and their unified diff; null when not persisted on this LB. */
  file: { path: string; before: string; after: string; diff: string; existed: boolean } | null;
  /** Nothing to do on this LB (runtime and file already as asked). */
  noop: boolean;
  /**
   * The entries the runtime holds once the reload after the write has loaded the file (after_write: reload and
   * the file changes), when they differ from `after`: runtime and file already differed beyond this edit, and
   * the reload makes the runtime equal the file. Null when there is no reload or it changes nothing more.
   */
  afterReload: PatternEntryRow[] | null;
}

export interface MapsPlan {
  /** Its preview is an entries diff (src/actions/confirmation.ts). */
  preview: 'entries';
  id: string;
  title: string;
  kind: PatternKind;
  file: string;
  edit: MapsEdit;
  lbs: MapsLbPlan[];
  /** Problems that stop the whole plan (refused key, LB without this file): nothing may be sent. */
  errors: string[];
  warnings: string[];
}

export type MapsLbOutcome = {
  lb: string;
  /** unknown: a runtime command went out and its reply was lost; the verify after it could not settle it. */
  status: 'applied' | 'failed' | 'skipped' | 'conflict' | 'rolled-back' | 'unknown';
  /** One line per step, in order: "file written (backup …)", "runtime: 3 commands", "haproxy -c ok", "reloaded". */
  steps: string[];
  error?: string;
  /** On a conflict: the three versions of the file (what lbtop read, what it meant to write, what is there now). */
  threeWay?: { base: string; ours: string; theirs: string; diff: string };
};

export interface MapsReport {
  plan: MapsPlan;
  outcomes: MapsLbOutcome[];
  ok: boolean;
}
