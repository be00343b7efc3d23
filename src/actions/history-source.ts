// History for a long-running lbtop (the TUI's HISTORY view): one tail of the audit log kept for the whole run, so
// each look reads only what was appended since (this lbtop's own writes, other lbtops' on the same machine),
// and the actions regrouped only when something was. A revision number tells the view when to redraw.
import { auditTail } from './audit-read.js';
import { groupHistory, type HistoryEntry } from './history.js';

export interface HistorySnapshot {
  entries: readonly HistoryEntry[];
  problems: readonly string[];
  /** Goes up each time the entries change. */
  revision: number;
}

export interface HistorySource {
  readonly path: string | null;
  read(): HistorySnapshot;
}

export function historySource(file: string | null): HistorySource {
  const tail = file ? auditTail(file) : null;
  let snapshot: HistorySnapshot = { entries: [], problems: file ? [] : ['no audit log: this lbtop writes none'], revision: 0 };
  return {
    path: file,
    read() {
      if (!tail) return snapshot;
      const { records, problems, changed } = tail.read();
      const sameProblems = problems.length === snapshot.problems.length && problems.every((p, i) => p === snapshot.problems[i]);
      if (!changed && sameProblems) return snapshot;
      snapshot = { entries: changed ? groupHistory(records) : snapshot.entries, problems, revision: snapshot.revision + 1 };
      return snapshot;
    },
  };
}
