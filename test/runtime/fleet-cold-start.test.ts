// The first connect of an LB over SSH: at start many handshakes share the CPU (50 LBs on 2 cores), so a host's
// first handshake gets its own deadline (readyMs: ConnectTimeout, else 15 s) rather than the poll's timeout,
// and a slow host answers its first poll instead of showing a failure. A host that hangs still fails (at that
// deadline) without holding back the others, later connects are bounded by the poll timeout again, and an LB
// that had answered goes stale within a poll when its link goes.
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../../src/lab/netns/fleet-lab.js';
import { startSlowRelay, type SlowRelay } from '../support/lab/slow-relay.js';
import type { LbConfig, LbtopConfig } from '../../src/model/config.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';

const POLL_TIMEOUT_MS = 1500;
// Each way: a round trip costs 500 ms, and an SSH handshake takes several, well past the poll timeout.
const LINK_DELAY_MS = 250;

describe('the first SSH connect of an LB', () => {
  let lab: FleetLab;
  let relay: SlowRelay;
  let sshConfig: string;
  let runtime: FleetRuntime | undefined;
  // A host that hangs: TCP is accepted on loopback, and no SSH banner ever comes.
  const tarpit = net.createServer(() => undefined);

  beforeAll(async () => {
    await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
    lab = await startFleetLab({ lbs: 3, nodes: 1 });
    relay = await startSlowRelay({ host: lab.ssh.lab.host('lb1').address, port: 22 }, LINK_DELAY_MS);
    // lb1 by the slow relay (its host key still looked up under its own address), `hung` at the tarpit.
    sshConfig = path.join(lab.ssh.lab.dir, 'ssh_config.cold');
    writeFileSync(
      sshConfig,
      `Host slow-lb1\n  HostName 127.0.0.1\n  Port ${relay.port}\n  HostKeyAlias ${lab.ssh.lab.host('lb1').address}\n` +
        `Host hung\n  HostName 127.0.0.1\n  Port ${(tarpit.address() as net.AddressInfo).port}\n` +
        readFileSync(lab.ssh.configFile, 'utf8'),
    );
  }, 60_000);
  afterAll(async () => {
    runtime?.stop();
    await relay?.close();
    tarpit.close();
    await lab?.close();
  });

  const config = (names: string[]): LbtopConfig => {
    const base = lab.config((lb) => ({ ...lb, haproxy: { ...lb.haproxy, timeoutMs: POLL_TIMEOUT_MS }, ssh: { host: lb.name === 'lb1' ? 'slow-lb1' : lb.name, config: sshConfig } }));
    const hung: LbConfig = { name: 'hung', haproxy: { socket: '/run/haproxy/admin.sock', timeoutMs: POLL_TIMEOUT_MS }, ssh: { host: 'hung', config: sshConfig } };
    return { ...base, lbs: [...base.lbs, hung].filter((lb) => names.includes(lb.name)) };
  };
  const health = (name: string) => runtime!.store.getState().lbs.get(name)!.health;
  /** Milliseconds from now until each LB's first poll is recorded (success or failure). */
  const firstRecords = () => {
    const start = Date.now();
    const at = new Map<string, number>();
    const unsubscribe = runtime!.store.subscribe(() => {
      for (const [name, s] of runtime!.store.getState().lbs) if (!at.has(name) && (s.health.ok || s.health.error)) at.set(name, Date.now() - start);
    });
    return { at, unsubscribe };
  };

  it('waits for a slow first handshake instead of failing the first poll; the others are not held back', async () => {
    runtime = createFleetRuntime(config(['lb1', 'lb2', 'lb3']), { ssh: lab.ssh.pool({ timeouts: { readyMs: 10_000 } }) });
    const { at, unsubscribe } = firstRecords();
    await runtime.refresh();
    unsubscribe();
    expect(['lb1', 'lb2', 'lb3'].map((lb) => [lb, health(lb).ok, health(lb).error, health(lb).consecutiveFailures])).toEqual([
      ['lb1', true, null, 0],
      ['lb2', true, null, 0],
      ['lb3', true, null, 0],
    ]);
    // The test means something: lb1's first poll took longer than the poll timeout, and lb2/lb3 answered first.
    expect(at.get('lb1')!).toBeGreaterThan(POLL_TIMEOUT_MS);
    expect(Math.max(at.get('lb2')!, at.get('lb3')!)).toBeLessThan(at.get('lb1')!);
  }, 30_000);

  it('an LB that had answered goes stale within a poll timeout when its link goes, not after the handshake deadline', async () => {
    lab.ssh.lab.linkDown('lb1');
    try {
      const started = Date.now();
      await runtime!.refresh();
      expect(health('lb1').stale).toBe(true);
      expect(Date.now() - started).toBeLessThan(POLL_TIMEOUT_MS * 2 + 1000);
      expect(health('lb2').ok).toBe(true);
    } finally {
      lab.ssh.lab.linkUp('lb1');
      runtime!.stop();
      runtime = undefined;
    }
  }, 30_000);

  it('a host that hangs fails at its handshake deadline while the others answer; then within the poll timeout', async () => {
    runtime = createFleetRuntime(config(['lb2', 'hung']), { ssh: lab.ssh.pool({ timeouts: { readyMs: 3000 }, backoff: { initialMs: 200, maxMs: 1000 } }) });
    const { at, unsubscribe } = firstRecords();
    await runtime.refresh();
    unsubscribe();
    expect(health('lb2').ok).toBe(true);
    expect(health('hung').ok).toBe(false);
    expect(health('hung').error).toMatch(/ssh hung: no SSH session with 127\.0\.0\.1:\d+ within 3000 ms/);
    expect(at.get('hung')!).toBeGreaterThanOrEqual(2950);
    expect(at.get('hung')!).toBeLessThan(4500);
    expect(at.get('lb2')!).toBeLessThan(at.get('hung')!);

    await new Promise((r) => setTimeout(r, 300)); // past the connection's backoff: a real second attempt
    const started = Date.now();
    await runtime.refresh();
    expect(health('hung').error).toMatch(/ssh hung: not connected within 1500 ms/);
    expect(Date.now() - started).toBeLessThan(POLL_TIMEOUT_MS + 1000);
    expect(health('lb2').ok).toBe(true);
  }, 30_000);
});
