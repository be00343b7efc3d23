// The fleet-scale benchmark's lab (seed 003's shape, bench/lib/fleet-k8s-lab.ts) at a small size: 6 LBs on 2
// sshd hosts. Each LB is its own HAProxy with its own admin socket, its servers master1..3 are health-checked and
// UP, and lbtop reaches all six over SSH with one connection per host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startK8sFleetLab, type K8sFleetLab } from '../../bench/lib/fleet-k8s-lab.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';

describe('the seed-003 fleet lab', () => {
  let lab: K8sFleetLab;
  let runtime: FleetRuntime | undefined;
  beforeAll(async () => {
    lab = await startK8sFleetLab({ lbs: 6, lbsPerHost: 3 });
  }, 60_000);
  afterAll(async () => {
    runtime?.stop();
    await lab?.close();
  });

  it('puts three LBs on each sshd, each with its own HAProxy and socket', () => {
    expect(lab.hosts).toEqual(['sshd01', 'sshd02']);
    expect(lab.lbs.map((lb) => [lb.name, lb.host])).toEqual([
      ['k8s-001', 'sshd01'], ['k8s-002', 'sshd01'], ['k8s-003', 'sshd01'],
      ['k8s-004', 'sshd02'], ['k8s-005', 'sshd02'], ['k8s-006', 'sshd02'],
    ]);
    expect(new Set(lab.lbs.map((lb) => lb.socket)).size).toBe(6);
    expect(new Set([...lab.haproxy.values()].map((h) => h.pid)).size).toBe(6);
  });

  it('is read over SSH, one connection per host, every server checked and UP', async () => {
    runtime = createFleetRuntime(lab.config(), { ssh: lab.ssh.pool() });
    // Checks start spread over the first interval (2 s): poll until every server has had one.
    const servers = () =>
      [...runtime!.store.getState().lbs.values()].flatMap((s) => (s.snapshot?.stats ?? []).filter((r) => r.name.startsWith('master')).map((r) => ({ lb: s.health.name, name: r.name, status: r.status, check: r.checkStatus })));
    for (let i = 0; i < 40; i++) {
      await runtime.refresh();
      if (servers().length === 18 && servers().every((s) => s.status === 'UP' && s.check === 'L4OK')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect([...runtime.store.getState().lbs.values()].map((s) => [s.health.name, s.health.ok])).toEqual(lab.lbs.map((lb) => [lb.name, true]));
    expect(servers().length).toBe(18);
    expect(servers().filter((s) => s.status !== 'UP' || s.check !== 'L4OK')).toEqual([]);
    expect(runtime.ssh!.all().length).toBe(2);
  }, 60_000);
});
