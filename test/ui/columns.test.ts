import { describe, expect, it } from 'vitest';
import type { Fleet } from '../../src/model/fleet.js';
import { buildFleet } from '../../src/store/selectors.js';
import { HIGHLIGHT_MS, isChanged } from '../../src/ui/columns/changed.js';
import { lbStateColumns, statusToken, weightColumn } from '../../src/ui/columns/common.js';
import { bytes, count, duration, fit, stopwatch } from '../../src/ui/columns/format.js';
import { columnsFor, fitColumns } from '../../src/ui/columns/index.js';
import { statusColumns } from '../../src/ui/columns/status.js';
import type { Column } from '../../src/ui/columns/types.js';
import { flattenFleet } from '../../src/ui/rows/flatten.js';
import { lbInfos } from '../../src/ui/rows/health.js';
import { demoConfig, demoSnapshot, demoStore, NOW } from './helpers.js';

function fleetOf(store: ReturnType<typeof demoStore>): Fleet {
  return buildFleet(demoConfig(), store.getState().lbs);
}

const col = (id: string): Column => statusColumns.find((c) => c.id === id)!;

describe('rows', () => {
  const fleet = fleetOf(demoStore({ now: NOW }));

  it('groups cluster → frontends → backends → servers, with unique keys', () => {
    const rows = flattenFleet(fleet, { filter: '', expanded: false });
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const rancher = rows.findIndex((r) => r.kind === 'cluster' && r.cluster === 'rancher');
    expect(rows.slice(rancher, rancher + 6).map((r) => `${r.kind}:${r.ref}`)).toEqual([
      'cluster:rancher',
      'frontend:http',
      'backend:k8s-http-ingress',
      'server:k8s-http-ingress/ingress1',
      'server:k8s-http-ingress/ingress2',
      'server:k8s-http-ingress/ingress3',
    ]);
  });

  it('sums counters across the LB pair, takes the max of peaks, and shows agreed weights once', () => {
    const rows = flattenFleet(fleet, { filter: '', expanded: false });
    const ingress1 = rows.find((r) => r.ref === 'k8s-http-ingress/ingress1')!;
    expect(ingress1.stats.map((s) => s.lb)).toEqual(['lb-0', 'lb-1']);
    const [a, b] = ingress1.stats.map((s) => s.row);
    const ctx = { lbs: lbInfos(fleet.lbs) };
    expect(col('stot').cell(ingress1, ctx).text).toBe(String(a!.stot! + b!.stot!));
    expect(col('scur').cell(ingress1, ctx).text).toBe(String(a!.scur! + b!.scur!));
    expect(col('smax').cell(ingress1, ctx).text).toBe(String(Math.max(a!.smax!, b!.smax!)));
    expect(weightColumn.cell(ingress1, ctx)).toEqual({ text: '10' });
    expect(lbStateColumns(ctx.lbs).map((c) => c.cell(ingress1, ctx).text)).toEqual(['', 'UP', 'UP']);
  });

  it('marks weights that differ between LBs', () => {
    const store = demoStore({ now: NOW });
    const lb1 = demoSnapshot('lb-1', 0);
    lb1.stats = lb1.stats.map((r) => (r.name === 'ingress1' ? { ...r, weight: 20 } : r));
    store.recordSuccess('lb-1', lb1);
    const rows = flattenFleet(fleetOf(store), { filter: '', expanded: false });
    const ingress1 = rows.find((r) => r.ref === 'k8s-http-ingress/ingress1')!;
    expect(weightColumn.cell(ingress1, { lbs: [] })).toEqual({ text: '10-20', token: 'cell.mismatch' });
  });

  it('expanded, each server of several LBs gets one sub-row per LB with that LB\'s numbers', () => {
    const rows = flattenFleet(fleet, { filter: '', expanded: true });
    const at = rows.findIndex((r) => r.ref === 'k8s-http-ingress/ingress1');
    expect(rows.slice(at + 1, at + 3).map((r) => `${r.kind}:${r.ref}`)).toEqual(['sublb:k8s-http-ingress/ingress1@lb-0', 'sublb:k8s-http-ingress/ingress1@lb-1']);
    const sub = rows[at + 1]!;
    expect(col('stot').cell(sub, { lbs: [] }).text).toBe(String(sub.stats[0]!.row.stot));
    // A server on one LB only gets no sub-rows: there is nothing to take apart.
    const single = rows.findIndex((r) => r.ref === 'k3s-backend/controlplane1');
    expect(rows[single + 1]!.kind).not.toBe('sublb');
  });
});

describe('changed cells', () => {
  it('highlights a cell whose field changed in the latest poll, for HIGHLIGHT_MS', () => {
    const clock = { now: NOW };
    const store = demoStore(clock);
    // The next recorded second of the same LB pair: the real counters moved.
    clock.now = NOW + 1000;
    store.recordSuccess('lb-0', demoSnapshot('lb-0', 1, clock.now));
    const cells = store.getState().changedCells;
    expect(cells.size).toBeGreaterThan(0);
    const [key] = [...cells.keys()];
    const [lb, proxy, name, field] = key!.split('\u0000');
    const fleet = fleetOf(store);
    const row = flattenFleet(fleet, { filter: '', expanded: false }).find((r) => r.stats.some((s) => s.lb === lb && s.row.proxy === proxy && s.row.name === name))!;
    const column = columnsFor('status', lbInfos(fleet.lbs))
      .concat(columnsFor('traffic', []), columnsFor('http', []), columnsFor('errors', []))
      .find((c) => c.fields?.includes(field as never) && (!c.lb || c.lb === lb))!;
    expect(isChanged(row, column, cells, clock.now - HIGHLIGHT_MS)).toBe(true);
    expect(isChanged(row, column, cells, clock.now + 1)).toBe(false);
    const other = columnsFor('status', []).find((c) => c.fields && !c.fields.includes(field as never))!;
    expect(isChanged(row, other, new Map([...cells].filter(([k]) => k === key)), 0)).toBe(false);
  });
});

describe('cells', () => {
  it('maps HAProxy states to tokens', () => {
    expect(['UP', 'UP 1/3', 'DOWN', 'DOWN 1/2', 'DRAIN', 'MAINT', 'MAINT (via be/s)', 'NOLB', 'no check', 'OPEN', '?'].map(statusToken)).toEqual([
      'status.up', 'status.nolb', 'status.down', 'status.down', 'status.drain', 'status.maint', 'status.maint', 'status.nolb', 'status.up', 'status.open', 'status.unknown',
    ]);
  });

  it('formats counts, bytes and durations for narrow columns', () => {
    expect([count(null), count(42), count(123_456), count(9_876_543)]).toEqual(['', '42', '123k', '9.88M']);
    expect([bytes(512), bytes(2048), bytes(5 * 1024 ** 3)]).toEqual(['512B', '2.0KiB', '5.0GiB']);
    expect([duration(42), duration(306), duration(11_040), duration(183_600)]).toEqual(['42s', '5m', '3h04m', '2d03h']);
    // Past a minute an age counts minutes (it changes once a minute); a drain's stopwatch keeps its seconds.
    expect([duration(59), duration(60), duration(3599), duration(3600)]).toEqual(['59s', '1m', '59m', '1h00m']);
    expect([stopwatch(12_400), stopwatch(306_000), stopwatch(11_040_000)]).toEqual(['12s', '5m06s', '3h04m']);
    expect([fit('abcdef', 4, 'left'), fit('ab', 4, 'right'), fit('ab', 4, 'left')]).toEqual(['abc…', '  ab', 'ab  ']);
  });

  it('drops columns from the right rather than wrap, and gives NAME the spare width', () => {
    const columns = columnsFor('status', [{ name: 'lb-0', down: false, stale: false }]);
    const narrow = fitColumns(columns, 60);
    expect(narrow.reduce((a, c) => a + c.width + 1, -1)).toBeLessThanOrEqual(60);
    expect(narrow.map((c) => c.column.id)).toEqual(['name', 'lb:lb-0', 'weight', 'check', 'scur', 'smax']);
    const wide = fitColumns(columns, 200);
    expect(wide).toHaveLength(columns.length);
    expect(wide[0]!.width).toBeGreaterThan(24);
  });
});
