// `lbtop node …` and `lbtop snapshot` on the command line, and the drift rules on recorded HAProxy 2.6.12 polls
// (fixtures/demo: lb-0 and lb-1 are a keepalived pair serving the same backends).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, parseCommandLine } from '../../src/cli/args.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { fleetDrift } from '../../src/store/fleet-drift.js';
import { buildFleet } from '../../src/store/selectors.js';
import { demoSnapshot, NOW } from '../ui/helpers.js';

describe('lbtop node / snapshot arguments', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-nodeargs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'ro.yaml'), 'read_only: true\nlbs:\n  a: { haproxy: { socket: /run/a.sock } }\n');

  it('parses drain|maint|ready NAME with --cluster, --wait, --timeout and --dry-run | --yes', () => {
    expect(parseCommandLine(['node', 'drain', 'worker1', '--cluster', 'k8s01', '--wait', '--timeout', '60', '--yes'])).toMatchObject({
      type: 'parsed',
      invocation: { kind: 'node', action: 'drain', node: 'worker1', cluster: 'k8s01', wait: true, timeoutSec: 60, dryRun: false, yes: true },
    });
    expect(parseCommandLine(['node', 'ready', '10.0.0.21', '--dry-run'])).toMatchObject({ invocation: { kind: 'node', action: 'ready', node: '10.0.0.21', wait: false, timeoutSec: 300, dryRun: true } });
    expect(parseCommandLine(['snapshot', '--out', '/tmp/x.json'])).toMatchObject({ invocation: { kind: 'snapshot', out: '/tmp/x.json' } });
  });

  it('refuses bad input with exit 2, and writes under read-only', async () => {
    const bad = (argv: string[]) => parseCommandLine(argv) as { type: string; code: number; stderr: string };
    expect(bad(['node', 'drain', 'w1', '--dry-run', '--yes'])).toMatchObject({ type: 'exit', code: 2 });
    expect(bad(['node', 'drain', 'w;1', '--yes']).stderr).toMatch(/expected a server name, hostname or address/);
    expect(bad(['node', 'drain', 'w1', '--timeout', '0', '--yes']).stderr).toMatch(/expected seconds/);
    expect(bad(['snapshot']).stderr).toMatch(/required option '--out <file>'/);
    const ctx = { env: {}, home: dir, cwd: dir };
    const ro = await parseArgs(['-c', 'ro.yaml', 'node', 'maint', 'w1', '--yes'], ctx);
    expect(ro).toMatchObject({ type: 'exit', code: 2, stderr: 'error: read-only: node drain/maint/ready can only run with --dry-run\n' });
    expect(await parseArgs(['-c', 'ro.yaml', 'node', 'maint', 'w1', '--dry-run'], ctx)).toMatchObject({ type: 'run' });
  });
});

describe('fleetDrift on the recorded pair', () => {
  const store = () => {
    const s = new FleetStore(['lb-0', 'lb-1'].map((name) => ({ name, endpoint: name })));
    s.recordSuccess('lb-0', demoSnapshot('lb-0', 0, NOW));
    return s;
  };
  /** lb-1 as recorded, but with ingress2 back at weight 10: the demo lab lowers it at runtime on lb-1 alone. */
  const agreeing = () => {
    const snap = demoSnapshot('lb-1', 0, NOW);
    snap.stats = snap.stats.map((r) => (r.proxy === 'k8s-http-ingress' && r.name === 'ingress2' ? { ...r, weight: 10 } : r));
    snap.servers = new Map([...(snap.servers ?? [])].map(([k, v]) => [k, v.backend === 'k8s-http-ingress' && v.server === 'ingress2' ? { ...v, userWeight: 10 } : v]));
    return snap;
  };

  it('finds the one disagreement the demo recorded: lb-1 runs ingress2 at weight 5', () => {
    const s = store();
    s.recordSuccess('lb-1', demoSnapshot('lb-1', 0, NOW));
    expect(fleetDrift(buildFleet({ clusters: [] }, s.getState().lbs)).map((d) => d.text)).toEqual(['k8s-http-ingress/ingress2 weight: lb-0 10, lb-1 5']);
  });

  it('finds nothing when both LBs agree', () => {
    const s = store();
    s.recordSuccess('lb-1', agreeing());
    expect(fleetDrift(buildFleet({ clusters: [] }, s.getState().lbs))).toEqual([]);
  });

  it('reports a version split and a check status that differs, once each', () => {
    const s = store();
    const snap = agreeing();
    snap.info = { ...snap.info, version: '2.8.3' };
    snap.stats = snap.stats.map((r) => (r.proxy === 'k8s-http-ingress' && r.name === 'ingress2' ? { ...r, status: 'DOWN' } : r));
    s.recordSuccess('lb-1', snap);
    expect(fleetDrift(buildFleet({ clusters: [] }, s.getState().lbs)).map((d) => d.text)).toEqual([
      'fleet version: lb-0 2.6.12-1+deb12u4, lb-1 2.8.3',
      'k8s-http-ingress/ingress2 check: lb-0 UP, lb-1 DOWN',
    ]);
  });
});
