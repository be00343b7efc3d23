// Fan-out over ten LB namespaces through real sshd: one refresh polls all of them concurrently on one SSH
// connection each; a cut link makes that LB stale without holding back the nine others, and it recovers when
// the link returns. The limiter that bounds the fan-out is checked on its own with real timers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { Limiter } from '../../src/store/limiter.js';
import { healthItems } from '../../src/ui/rows/fleet-health.js';
import { FAST } from '../../src/lab/netns/ssh-lab.js';
import { startFleetLab, type FleetLab } from '../../src/lab/netns/fleet-lab.js';

describe('fan-out over 10 LBs over SSH', () => {
  let lab: FleetLab;
  let runtime: FleetRuntime;
  beforeAll(async () => {
    lab = await startFleetLab({ lbs: 10, nodes: 1 });
    const config = lab.config((lb) => ({ ...lb, haproxy: { ...lb.haproxy, timeoutMs: 1500 } }));
    runtime = createFleetRuntime(config, { ssh: lab.ssh.pool(FAST), pollConcurrency: 4 });
  }, 90_000);
  afterAll(async () => {
    runtime?.stop();
    await lab?.close();
  });

  const health = () => [...runtime.store.getState().lbs.values()].map((s) => s.health);

  it('polls every LB, one SSH connection per host, bounded to 4 polls at a time', async () => {
    await runtime.refresh();
    expect(health().map((h) => `${h.name} ${h.ok}`)).toEqual(lab.lbs.map((lb) => `${lb} true`));
    expect(runtime.ssh!.all().length).toBe(10);
    const [summary] = healthItems(health(), Date.now());
    expect(summary!.text).toMatch(/^10 LBs: 10 ok · slowest (<10ms|\d+0ms|\d\.\ds)$/);
  }, 30_000);

  it('a cut link marks that LB stale while the nine others answer first; it recovers when the link returns', async () => {
    const answeredAt = new Map<string, number>();
    const unsubscribe = runtime.store.subscribe(() => {
      for (const h of health()) {
        if (!answeredAt.has(h.name) && (h.stale || (h.ok && h.lastOkAt !== null && h.lastOkAt > cutAt))) answeredAt.set(h.name, Date.now());
      }
    });
    lab.ssh.lab.linkDown('lb3');
    const cutAt = Date.now();
    try {
      await runtime.refresh();
      const lb3 = health().find((h) => h.name === 'lb3')!;
      expect(lb3.stale).toBe(true);
      expect(lb3.error).toMatch(/lb3|timed out|within/);
      const others = lab.lbs.filter((lb) => lb !== 'lb3');
      expect(others.every((lb) => health().find((h) => h.name === lb)!.ok)).toBe(true);
      // Everyone else was recorded before lb3's failure: a hung host does not hold back the fleet.
      for (const lb of others) expect(answeredAt.get(lb)!).toBeLessThan(answeredAt.get('lb3')!);
      const items = healthItems(health(), Date.now());
      expect(items[0]!.text).toMatch(/^10 LBs: 9 ok · 1 stale/);
      expect(items[1]!.text).toMatch(/^lb3 STALE \d+s: /);
    } finally {
      unsubscribe();
      lab.ssh.lab.linkUp('lb3');
    }
    let back = false;
    for (let i = 0; i < 40 && !back; i++) {
      await new Promise((r) => setTimeout(r, 250));
      await runtime.refresh();
      back = health().find((h) => h.name === 'lb3')!.ok;
    }
    expect(back).toBe(true);
  }, 60_000);
});

describe('Limiter', () => {
  it('never runs more than its size at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5 + (i % 3) * 5));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toEqual(Array.from({ length: 12 }, (_, i) => i));
    // A failing task frees its slot too.
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active).toBe(0);
  });
});
