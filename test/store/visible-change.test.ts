// Which store revisions the TUI redraws: a poll of an idle HAProxy (same rows, latency jitter) is quiet; a
// changed row, an event, a failure or a real latency move is not. Real recorded snapshots (HAProxy 2.6.12).
import { describe, expect, it } from 'vitest';
import { FleetStore, LATENCY_WINDOW } from '../../src/store/fleet-store.js';
import { visiblyChanged } from '../../src/store/visible-change.js';
import { demoSnapshot, NOW } from '../ui/helpers.js';

function storeWith() {
  const store = new FleetStore([{ name: 'lb-0', endpoint: 'unix:/run/lb-0.sock' }], { now: () => NOW });
  const first = demoSnapshot('lb-0', 0);
  store.recordSuccess('lb-0', first);
  return { store, first };
}

describe('visiblyChanged', () => {
  it('a poll that re-used every row and moved the latency by a millisecond is quiet', () => {
    const { store, first } = storeWith();
    const before = store.getState();
    store.recordSuccess('lb-0', { ...first, stats: first.stats.slice(), at: NOW + 1000, latencyMs: 4 });
    expect(store.getState()).not.toBe(before);
    expect(visiblyChanged(before, store.getState())).toBe(false);
  });

  it('a row that is a new object (the parser saw its line change) is visible', () => {
    const { store, first } = storeWith();
    const before = store.getState();
    const stats = first.stats.slice();
    stats[3] = { ...stats[3]!, scur: 99 };
    store.recordSuccess('lb-0', { ...first, stats, at: NOW + 1000 });
    expect(visiblyChanged(before, store.getState())).toBe(true);
  });

  it('a failed poll, and the first good one after it, are visible', () => {
    const { store, first } = storeWith();
    const before = store.getState();
    store.recordFailure('lb-0', new Error('connection refused'));
    const failed = store.getState();
    expect(visiblyChanged(before, failed)).toBe(true);
    store.recordSuccess('lb-0', { ...first, at: NOW + 2000 });
    expect(visiblyChanged(failed, store.getState())).toBe(true);
  });

  it('the header shows the slowest recent poll: a spike is drawn once, not twice', () => {
    const { store, first } = storeWith();
    const poll = (latencyMs: number, at: number) => {
      const before = store.getState();
      store.recordSuccess('lb-0', { ...first, at, latencyMs });
      return { changed: visiblyChanged(before, store.getState()), shown: store.getState().lbs.get('lb-0')!.health.latencyMs };
    };
    expect(poll(45, NOW + 1000)).toEqual({ changed: true, shown: 45 });
    // The cheap polls after a full read: still within the window, so the header keeps 45 and nothing redraws.
    expect(poll(8, NOW + 2000)).toEqual({ changed: false, shown: 45 });
    expect(poll(7, NOW + 3000)).toEqual({ changed: false, shown: 45 });
    // Once the spike leaves the window, the header comes down (and that is drawn).
    let last = { changed: false, shown: 45 as number | null };
    for (let i = 0; i < LATENCY_WINDOW; i++) last = poll(8, NOW + 4000 + i * 1000);
    expect(last.shown).toBe(8);
  });

  it('an event (an action lbtop recorded) is visible', () => {
    const { store } = storeWith();
    const before = store.getState();
    store.recordAction('lb-0', 'be/srv', 'drain');
    expect(visiblyChanged(before, store.getState())).toBe(true);
  });
});
