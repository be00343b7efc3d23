// sortRows on the demo fleet (HAProxy 2.6.12 recordings, three LBs), rows expanded: every group is sorted among
// its own kind, servers keep to their backend and per-LB sub-rows to their server, ties keep the configured order.
import { describe, expect, it } from 'vitest';
import { buildFleet } from '../../src/store/selectors.js';
import { flattenFleet } from '../../src/ui/rows/flatten.js';
import { sortRows } from '../../src/ui/rows/sort.js';
import type { TableRow } from '../../src/ui/rows/types.js';
import { demoConfig, demoStore, NOW } from './helpers.js';

const stot = (row: TableRow) => (row.stats.length ? row.stats.reduce((a, s) => a + (s.row.stot ?? 0), 0) : null);

describe('sortRows', () => {
  const fleet = buildFleet(demoConfig(), demoStore({ now: NOW }).getState().lbs);
  const rows = flattenFleet(fleet, { filter: '', expanded: true });

  it('keeps the tree and sorts each group, highest first, stable among equals', () => {
    const sorted = sortRows(rows, { key: stot, desc: true });
    expect(sorted).toHaveLength(rows.length);
    expect(new Set(sorted)).toEqual(new Set(rows));
    for (let i = 0; i < sorted.length; i++) {
      const row = sorted[i]!;
      const prev = sorted[i - 1];
      if (row.kind === 'sublb') expect([prev?.kind === 'server' || prev?.kind === 'sublb', prev?.server, prev?.backend]).toEqual([true, row.server, row.backend]);
      if (row.kind === 'server') expect(prev && (prev.kind === 'backend' || prev.kind === 'server' || prev.kind === 'sublb') && prev.backend === row.backend).toBe(true);
    }
    // Within each backend, servers by STOT, highest first; equal ones in the configured order.
    const configured = rows.filter((r) => r.kind === 'server');
    for (const be of new Set(configured.map((r) => r.backend))) {
      const servers = sorted.filter((r) => r.kind === 'server' && r.backend === be);
      const expected = configured.filter((r) => r.backend === be).map((r, at) => ({ r, at })).sort((a, b) => stot(b.r)! - stot(a.r)! || a.at - b.at).map((x) => x.r);
      expect(servers).toEqual(expected);
    }
    // It did reorder something (the demo's servers do not come in STOT order).
    expect(sorted.filter((r) => r.kind === 'server')).not.toEqual(configured);
    // Reversed: lowest first.
    const up = sortRows(rows, { key: stot, desc: false }).filter((r) => r.kind === 'backend');
    const values = up.filter((r) => r.cluster === up[0]!.cluster).map(stot);
    expect(values).toEqual([...values].sort((a, b) => a! - b!));
  });
});
