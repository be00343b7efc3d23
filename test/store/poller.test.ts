import { describe, expect, it } from 'vitest';
import { Poller } from '../../src/store/poller.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Poller', () => {
  it('never runs two reads of one source at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let reads = 0;
    const poller = new Poller({
      intervalMs: 10,
      jitter: 0,
      read: async () => {
        reads += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await tick(40); // slower than the interval
        inFlight -= 1;
        return reads;
      },
      onSuccess: () => undefined,
      onFailure: () => undefined,
    });
    poller.start();
    await Promise.all([poller.pollNow(), poller.pollNow(), poller.pollNow()]);
    await tick(150);
    poller.stop();
    expect(maxInFlight).toBe(1);
    expect(reads).toBeGreaterThanOrEqual(2);
  });

  it('backs off exponentially while failing and resets after a success', async () => {
    let fail = true;
    const poller = new Poller({
      intervalMs: 1000,
      jitter: 0,
      maxBackoffMs: 5000,
      read: async () => {
        if (fail) throw new Error('down');
        return 1;
      },
      onSuccess: () => undefined,
      onFailure: () => undefined,
    });
    expect(poller.nextDelay()).toBe(1000);
    await poller.pollNow();
    expect(poller.nextDelay()).toBe(2000);
    await poller.pollNow();
    expect(poller.nextDelay()).toBe(4000);
    await poller.pollNow();
    expect(poller.nextDelay()).toBe(5000); // capped
    fail = false;
    await poller.pollNow();
    expect(poller.nextDelay()).toBe(1000);
  });

  it('spreads waits with jitter inside ±fraction of the interval', () => {
    const low = new Poller({ intervalMs: 1000, jitter: 0.2, random: () => 0, read: async () => 1, onSuccess() {}, onFailure() {} });
    const high = new Poller({ intervalMs: 1000, jitter: 0.2, random: () => 0.999999, read: async () => 1, onSuccess() {}, onFailure() {} });
    expect(low.nextDelay()).toBe(800);
    expect(high.nextDelay()).toBe(1200);
  });

  it('reports failures to onFailure and keeps polling', async () => {
    const errors: string[] = [];
    let n = 0;
    const poller = new Poller({
      intervalMs: 5,
      jitter: 0,
      maxBackoffMs: 5,
      read: async () => {
        n += 1;
        if (n % 2) throw new Error(`fail ${n}`);
        return n;
      },
      onSuccess: () => undefined,
      onFailure: (e) => errors.push((e as Error).message),
    });
    poller.start();
    await tick(200);
    poller.stop();
    expect(errors[0]).toBe('fail 1');
    expect(n).toBeGreaterThan(3);
  });
});
