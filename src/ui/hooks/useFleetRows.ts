// Fleet and flattened rows, memoised on the store revision (and the filter / expand toggle): a keypress that
// only moves the selection re-uses them as they are.
import { useMemo } from 'react';
import type { Fleet } from '../../model/fleet.js';
import type { StoreState } from '../../store/types.js';
import type { LbInfo } from '../columns/types.js';
import { columnsFor } from '../columns/index.js';
import { flattenFleet } from '../rows/flatten.js';
import { sortRows, type SortSpec } from '../rows/sort.js';
import type { StatsViewId } from '../state/views.js';
import type { TrendReader } from '../../store/trends.js';
import { lbInfos } from '../rows/health.js';
import type { TableRow } from '../rows/types.js';
import type { AppServices } from '../services.js';

export interface FleetRows {
  fleet: Fleet;
  lbs: LbInfo[];
  rows: TableRow[];
  /** Row key → index, for the selection to follow its row across refreshes. */
  indexOf: (key: string) => number | undefined;
  /** The unfiltered rows, for `:` jump to find what the filter hides. */
  allRows: () => TableRow[];
}

/** The sort in force (`o`/`O`): a column of a stats view. */
export interface RowSort {
  view: StatsViewId;
  column: string;
  desc: boolean;
  trends?: TrendReader;
}

export function useFleetRows(services: AppServices, state: StoreState, filter: string, expanded: boolean, sort: RowSort | null = null): FleetRows {
  const fleet = useMemo(() => services.buildFleet(services.config, state.lbs), [services, state.revision]); // eslint-disable-line react-hooks/exhaustive-deps -- the store mutates `lbs` in place; its revision is what changes
  const lbs = useMemo(() => lbInfos(fleet.lbs), [fleet]);
  // Flattening reads the clusters and each LB's name and staleness only: a poll that changed neither (an idle
  // fleet, or one whose changes are all off screen) keeps the rows, their index and everything keyed on them.
  const lbsKey = fleet.lbs.map((h) => `${h.name}:${h.stale}`).join('\n');
  const flat = useMemo(() => flattenFleet(fleet, { filter, expanded }), [fleet.clusters, lbsKey, filter, expanded]); // eslint-disable-line react-hooks/exhaustive-deps -- flattening reads only the clusters and the LBs' names and staleness (lbsKey)
  const order = useMemo(() => sortSpec(sort, lbs), [sort?.view, sort?.column, sort?.desc, sort?.trends, lbs]); // eslint-disable-line react-hooks/exhaustive-deps -- the sort's fields, not the object made per render
  const rows = useMemo(() => (order ? sortRows(flat, order) : flat), [flat, order]);
  // Built on first use only: the selection usually still sits at its index (selection.locate's fast path).
  const keyIndex = useMemo(() => {
    let map: Map<string, number> | null = null;
    return (key: string) => {
      if (!map) {
        map = new Map<string, number>();
        rows.forEach((row, i) => map!.set(row.key, i));
      }
      return map.get(key);
    };
  }, [rows]);
  const allRows = useMemo(() => {
    let cached: TableRow[] | null = filter === '' ? rows : null;
    return () => (cached ??= order ? sortRows(flattenFleet(fleet, { filter: '', expanded }), order) : flattenFleet(fleet, { filter: '', expanded }));
  }, [fleet, rows, filter, expanded, order]);
  return { fleet, lbs, rows, indexOf: keyIndex, allRows };
}

/** The sort's column in the view's columns, as a key per row; null when unsorted or the view has no such column. */
function sortSpec(sort: RowSort | null, lbs: readonly LbInfo[]): SortSpec | null {
  if (!sort) return null;
  const column = columnsFor(sort.view, lbs).find((c) => c.id === sort.column);
  if (!column) return null;
  const ctx = { lbs, trends: sort.trends };
  const key = column.sortKey
    ? (row: TableRow) => {
        const k = column.sortKey!(row, ctx);
        return typeof k === 'number' && Number.isNaN(k) ? null : k;
      }
    : (row: TableRow) => column.cell(row, ctx).text.trim().toLowerCase() || null;
  return { key, desc: sort.desc };
}
