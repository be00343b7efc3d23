// Fleet and flattened rows, memoised on the store revision (and the filter / expand toggle): a keypress that
// only moves the selection re-uses them as they are.
import { useMemo } from 'react';
import type { Fleet } from '../../model/fleet.js';
import type { StoreState } from '../../store/types.js';
import type { LbInfo } from '../columns/types.js';
import { flattenFleet } from '../rows/flatten.js';
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

export function useFleetRows(services: AppServices, state: StoreState, filter: string, expanded: boolean): FleetRows {
  const fleet = useMemo(() => services.buildFleet(services.config, state.lbs), [services, state.revision]); // eslint-disable-line react-hooks/exhaustive-deps -- the store mutates `lbs` in place; its revision is what changes
  const lbs = useMemo(() => lbInfos(fleet.lbs), [fleet]);
  // Flattening reads the clusters and each LB's name and staleness only: a poll that changed neither (an idle
  // fleet, or one whose changes are all off screen) keeps the rows, their index and everything keyed on them.
  const lbsKey = fleet.lbs.map((h) => `${h.name}:${h.stale}`).join('\n');
  const rows = useMemo(() => flattenFleet(fleet, { filter, expanded }), [fleet.clusters, lbsKey, filter, expanded]); // eslint-disable-line react-hooks/exhaustive-deps -- flattening reads only the clusters and the LBs' names and staleness (lbsKey)
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
    return () => (cached ??= flattenFleet(fleet, { filter: '', expanded }));
  }, [fleet, rows, filter, expanded]);
  return { fleet, lbs, rows, indexOf: keyIndex, allRows };
}
