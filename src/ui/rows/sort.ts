// `o`/`O`: the table sorted by one column, inside the tree it shows. Frontends are sorted among their cluster's
// frontends, backends among its backends (each taking its servers along), servers among their backend's servers
// (each taking its per-LB sub-rows along): a server never leaves its backend. Stable (equal keys keep the
// configured order) and cheap at 10,000 rows: one key per row, computed once, then one sort per group.
import type { TableRow } from './types.js';

export type SortKey = number | string | null;

export interface SortSpec {
  key(row: TableRow): SortKey;
  desc: boolean;
}

interface Keyed {
  key: SortKey;
  at: number;
  rows: TableRow[];
}

export function sortRows(rows: readonly TableRow[], spec: SortSpec): TableRow[] {
  const out: TableRow[] = [];
  const compare = comparator(spec.desc);
  let frontends: Keyed[] = [];
  let backends: Keyed[] = [];
  let servers: Keyed[] = [];
  let backend: Keyed | null = null;
  const endBackend = () => {
    const into = backend ? backend.rows : out; // servers always follow a backend row (flatten.ts); kept if not
    for (const s of servers.sort(compare)) for (const row of s.rows) into.push(row);
    servers = [];
    backend = null;
  };
  const endCluster = () => {
    endBackend();
    for (const group of [frontends.sort(compare), backends.sort(compare)]) for (const g of group) for (const row of g.rows) out.push(row);
    frontends = [];
    backends = [];
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.kind === 'cluster') {
      endCluster();
      out.push(row);
    } else if (row.kind === 'frontend') frontends.push({ key: spec.key(row), at: i, rows: [row] });
    else if (row.kind === 'backend') {
      endBackend();
      backend = { key: spec.key(row), at: i, rows: [row] };
      backends.push(backend);
    } else if (row.kind === 'server' || !servers.length) servers.push({ key: spec.key(row), at: i, rows: [row] });
    else servers[servers.length - 1]!.rows.push(row); // a sublb row follows its server
  }
  endCluster();
  return out;
}

/** Nulls (no value: a blank cell) last in both orders; numbers before text; ties by position (stable). */
function comparator(desc: boolean): (a: Keyed, b: Keyed) => number {
  const sign = desc ? -1 : 1;
  return (a, b) => {
    if (a.key === b.key) return a.at - b.at;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    if (typeof a.key !== typeof b.key) return typeof a.key === 'number' ? -1 : 1;
    return (a.key < b.key ? -1 : a.key > b.key ? 1 : a.at - b.at) * sign;
  };
}
