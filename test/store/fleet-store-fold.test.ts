// The fleet store folds its commits into a new state when the state is read, not at each commit: a commit copied
// the map of every LB, 500 copies of 500 entries a second at seed 003's fleet size. What a reader sees must not
// change: every commit is in the next state read, a state once read never changes, and a store nobody reads (a
// subcommand's) still keeps only the newest `eventCap` events.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HaproxySnapshot } from '../../src/model/haproxy.js';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { parseStat } from '../../src/sources/haproxy/parse-stat.js';
import { FleetStore, MEASURE_STEADY_MS } from '../../src/store/fleet-store.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/haproxy/2.6/seed-003/${name}`, import.meta.url), 'utf8');
const info = parseInfo(fixture('show-info.txt'));
const stats = parseStat(fixture('show-stat.txt'));
const snapshot = (at: number): HaproxySnapshot => ({ info, stats, servers: null, at, latencyMs: 5 });
const names = Array.from({ length: 5 }, (_, i) => `k8s-${i + 1}`);

describe('the fleet store, read after many commits', () => {
  it('shows every commit in the next state read, and never changes a state already read', () => {
    const store = new FleetStore(names.map((name) => ({ name, endpoint: 'unix:x' })), { notifyEveryMs: 100 });
    const first = store.getState();
    expect(store.getState()).toBe(first); // nothing committed: the same state
    names.forEach((name, i) => store.recordSuccess(name, snapshot(1000 + i)));
    const second = store.getState();
    expect([...second.lbs.values()].map((lb) => lb.health.lastOkAt)).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(second.revision).toBeGreaterThan(first.revision);
    expect([...first.lbs.values()].every((lb) => lb.snapshot === null)).toBe(true);
    store.recordFailure('k8s-2', new Error('link lost'));
    expect(second.lbs.get('k8s-2')!.health.ok).toBe(true);
    expect(store.getState().lbs.get('k8s-2')!.health).toMatchObject({ ok: false, stale: true, error: 'link lost' });
  });

  it('keeps only the newest eventCap events while nobody reads it', () => {
    const store = new FleetStore(names.map((name) => ({ name, endpoint: 'unix:x' })), { eventCap: 3 });
    for (let i = 0; i < 10; i++) store.recordAction('k8s-1', `s${i}`, 'drain');
    // Read once at the end: the draft was capped on the way, not only when folded.
    expect((store as unknown as { draft: { events: unknown[] } }).draft.events).toHaveLength(3);
    expect(store.getState().events.map((e) => e.subject)).toEqual(['s7', 's8', 's9']);
  });

  it('drops a highlight when it expires, and keeps one whose cell changed again', () => {
    const store = new FleetStore(names.map((name) => ({ name, endpoint: 'unix:x' })), { highlightMs: 3000 });
    // Weights: a state field, lit at every change (measures are lit only after holding still, below).
    const busy = stats.map((row) => (row.kind === 'server' ? { ...row, weight: (row.weight ?? 0) + 1 } : row));
    const at = (time: number, rows = stats): HaproxySnapshot => ({ ...snapshot(time), stats: rows });
    const lit = () => [...store.getState().changedCells.keys()].map((key) => key.split('\u0000')[0]);
    store.recordSuccess('k8s-1', at(0));
    store.recordSuccess('k8s-2', at(0));
    store.recordSuccess('k8s-1', at(1000, busy)); // k8s-1's cells change at 1000
    store.recordSuccess('k8s-2', at(1100, busy)); // k8s-2's at 1100
    store.recordSuccess('k8s-1', at(2500)); // k8s-1's again at 2500: they stay lit past 4000
    expect(new Set(lit())).toEqual(new Set(['k8s-1', 'k8s-2']));
    store.recordSuccess('k8s-3', at(4150));
    expect(new Set(lit())).toEqual(new Set(['k8s-1']));
    store.recordSuccess('k8s-3', at(5600));
    expect(lit()).toEqual([]);
  });

  it('lights a measure that moves after holding still, not one that moves at every poll; a state change always', () => {
    const store = new FleetStore(names.map((name) => ({ name, endpoint: 'unix:x' })), { highlightMs: 3000 });
    const server = stats.find((row) => row.kind === 'server')!;
    const rows = (scur: number, weight = server.weight): HaproxySnapshot['stats'] => stats.map((row) => (row === server ? { ...row, scur, weight } : row));
    const at = (time: number, scur: number, weight?: number | null): HaproxySnapshot => ({ ...snapshot(time), stats: rows(scur, weight) });
    const lit = () => [...store.getState().changedCells.keys()].map((key) => key.split('\u0000').at(-1));
    store.recordSuccess('k8s-1', at(0, 1));
    store.recordSuccess('k8s-1', at(1000, 2));
    expect(lit()).toEqual(['scur']); // the first move after holding still
    // Busy: a move at every poll; once the first highlight expires nothing is lit, though it keeps moving.
    for (let t = 2000, scur = 3; t <= 8000; t += 1000, scur++) store.recordSuccess('k8s-1', at(t, scur));
    expect(lit()).toEqual([]);
    // A weight change among them is lit at once.
    store.recordSuccess('k8s-1', at(9000, 10, 7));
    expect(lit()).toEqual(['weight']);
    // Still for MEASURE_STEADY_MS, then a move: lit again.
    store.recordSuccess('k8s-1', at(9000 + MEASURE_STEADY_MS, 10, 7));
    store.recordSuccess('k8s-1', at(10_000 + MEASURE_STEADY_MS, 11, 7));
    expect(lit()).toEqual(['scur']);
  });
});
