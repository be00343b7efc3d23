import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetStore } from '../../src/store/fleet-store.js';
import { demoSnapshot, demoStore, fakeServices, NOW, renderApp, DEMO_LBS } from './helpers.js';

afterEach(() => cleanup());

describe('LB health in the header and the rows', () => {
  it('a stale LB shows its age and error, and its state cells are marked stale', async () => {
    const clock = { now: NOW };
    const store = demoStore(clock);
    clock.now = NOW + 42_000;
    store.recordFailure('lb-1', new Error('/run/haproxy/lb-1.sock: connection refused (is HAProxy running?)'));
    const { services } = fakeServices({ store, clock });
    const app = await renderApp(services, { columns: 160, rows: 90 });
    expect(app.lines()[1]).toContain('lb-1 STALE 42s: /run/haproxy/lb-1.sock: connection refused (is HAProxy running?)');
    expect(app.lines()[1]).toContain('lb-0 ok 2.6.12 <10ms');
    const ingress1 = app.lines().find((l) => /^\s{4}ingress1\s/.test(l))!;
    // lb-0 fresh, lb-1 the last good value marked with "?".
    expect(ingress1).toMatch(/ingress1\s+UP\s+UP\?\s/);
  });

  it('an LB that never answered is DOWN with its error, and shows "?" where its data would be', async () => {
    const clock = { now: NOW };
    const store = new FleetStore(DEMO_LBS.map((name) => ({ name, endpoint: `unix:/run/${name}.sock` })), { now: () => clock.now });
    store.recordSuccess('homelab', demoSnapshot('homelab', 0));
    store.recordSuccess('lb-0', demoSnapshot('lb-0', 0));
    store.recordFailure('lb-1', new Error('socket file does not exist'));
    const { services } = fakeServices({ store, clock });
    const app = await renderApp(services, { columns: 160, rows: 90 });
    expect(app.lines()[1]).toContain('lb-1 DOWN: socket file does not exist');
    expect(app.lines().find((l) => /^\s{4}ingress1\s/.test(l))).toMatch(/ingress1\s+UP\s+\?\s/);
  });

  it('shows the clusters, version and read-only state in the header', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock, readOnly: true });
    const app = await renderApp(services);
    expect(app.lines()[0]).toMatch(/^lbtop 0\.1\.0 READ-ONLY\s+clusters k8s01 k8s01-dev k8s02-dev rancher k3s/);
  });

  it('a server missing on one LB of its cluster shows "—" there; LBs outside the cluster stay blank', async () => {
    const clock = { now: NOW };
    const store = demoStore(clock);
    const lb1 = demoSnapshot('lb-1', 0);
    lb1.stats = lb1.stats.filter((r) => !(r.proxy === 'k8s-http-ingress' && r.name === 'ingress2'));
    store.recordSuccess('lb-1', lb1);
    const { services } = fakeServices({ store, clock });
    const app = await renderApp(services, { columns: 160, rows: 90 });
    expect(app.lines().find((l) => /^\s{4}ingress2\s/.test(l))).toMatch(/ingress2\s+UP\s+—\s/);
    // homelab carries nothing of this cluster: blank, not "—".
    expect(app.lines().find((l) => /^\s{4}ingress2\s/.test(l))).toMatch(/^\s{4}ingress2\s{30,}UP/);
  });
});

describe('poll latency in the header', () => {
  it('is coarse: jitter of a local socket does not change it, a slow LB still shows', async () => {
    const { latencyText } = await import('../../src/ui/rows/fleet-health.js');
    expect([2, 6, 9.9].map(latencyText)).toEqual(['<10ms', '<10ms', '<10ms']);
    expect([12, 14, 77, 123, 994].map(latencyText)).toEqual(['10ms', '10ms', '80ms', '120ms', '990ms']);
    expect([995, 1240, 30_000].map(latencyText)).toEqual(['1.0s', '1.2s', '30.0s']);
  });
});
