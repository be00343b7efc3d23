// The TABLES panel's data: the overview (every LB's tables and peers) while the list is shown, one table's
// entries while it is open, read again every few seconds. A read still in flight skips the next tick (the
// pollers' rule), and a reply that comes back after the operator moved on is dropped.
import { useEffect, useRef, useState } from 'react';
import type { TableFilter } from '../../../sources/haproxy/tables/filter.js';
import type { LbEntries, TablesOverview, TablesServices } from './tables-services.js';

export const TABLES_REFRESH_MS = 2000;

export interface TablesData {
  overview: TablesOverview | null;
  /** The open table's entries, for the table and filter they were read with. */
  entries: { table: string; filter: string; perLb: LbEntries[] } | null;
  error: string | null;
  reload(): void;
}

export const filterKey = (f: TableFilter | null) => (f ? `${f.column} ${f.op} ${f.value}` : '');

export function useTablesData(svc: TablesServices | undefined, table: string | null, filter: TableFilter | null, peers: boolean): TablesData {
  const [overview, setOverview] = useState<TablesOverview | null>(null);
  const [entries, setEntries] = useState<TablesData['entries']>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const busy = useRef(false);
  const key = filterKey(filter);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), TABLES_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!svc || busy.current) return;
    let live = true;
    busy.current = true;
    const reads: Promise<unknown>[] = [];
    // The overview also carries the peers: read while the list, or the peers section, is shown.
    if (table === null || peers) reads.push(svc.overview().then((o) => live && setOverview(o)));
    if (table !== null) reads.push(svc.entries(table, filter).then((perLb) => live && setEntries({ table, filter: key, perLb })));
    Promise.all(reads).then(
      () => live && setError(null),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    ).finally(() => void (busy.current = false));
    return () => {
      live = false;
      busy.current = false;
    };
    // filter is read through its key: a new object with the same filter is not a new read.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filter is keyed by `key`
  }, [svc, table, key, peers, tick]);
  return { overview, entries: entries && entries.table === table && entries.filter === key ? entries : null, error, reload: () => setTick((t) => t + 1) };
}
