// The HISTORY view's data: the audit log as actions, looked at again every second while the view is shown. A
// look costs one fstat when nothing was appended (history-source.ts), so new actions — this lbtop's own, from
// its other views, or another lbtop's on the same machine — appear within a second without re-reading the file.
import { useEffect, useState } from 'react';
import type { HistorySnapshot, HistorySource } from '../../../actions/history-source.js';

const EMPTY: HistorySnapshot = { entries: [], problems: ['HISTORY is not available here (no audit log)'], revision: -1 };
const EVERY_MS = 1000;

export function useHistory(source: HistorySource | undefined): HistorySnapshot {
  const [snapshot, setSnapshot] = useState<HistorySnapshot>(() => source?.read() ?? EMPTY);
  useEffect(() => {
    if (!source) return;
    const look = () => {
      const next = source.read();
      setSnapshot((now) => (now.revision === next.revision ? now : next));
    };
    look();
    const timer = setInterval(look, EVERY_MS);
    return () => clearInterval(timer);
  }, [source]);
  return snapshot;
}
