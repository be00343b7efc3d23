// Peers out of sync, reported before a VIP move: the recorded keepalived pair's move plan (as in
// vip-move-plan.test.ts) with `show peers` read from two real HAProxy LBs of the peers lab standing in as lb-0 and
// lb-1. In sync: the Peers check says OK. A peer stopped, or both peers at a wrong port: NOT IN SYNC, a warning in
// the preview, and the plan is NOT refused: the operator goes on knowingly with the same typed word.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailoverContext } from '../../../src/actions/failover/context.js';
import { failoverPlanLines } from '../../../src/present/failover-preview.js';
import { planVipMove } from '../../../src/actions/failover/vip-move.js';
import { readPeersOnLbs } from '../../../src/actions/tables/read-peers.js';
import { loadConfig } from '../../../src/config/load.js';
import { startTablesLab, type TablesLab } from '../../support/lab/tables-lab.js';
import type { Fleet } from '../../../src/model/fleet.js';
import type { StatRow } from '../../../src/model/haproxy.js';
import type { PeersReading } from '../../../src/model/tables.js';
import { createFleetRuntime, type FleetRuntime } from '../../../src/runtime/fleet-runtime.js';
import { parseKeepalivedConf } from '../../../src/sources/keepalived/conf.js';
import { parseKeepalivedData } from '../../../src/sources/keepalived/data.js';
import { redactKeepalived } from '../../../src/sources/keepalived/redact.js';
import { parseIpAddrJson } from '../../../src/sources/netlink/ip-addr.js';
import { peersProblems } from '../../../src/sources/haproxy/tables/peers-sync.js';
import { FailoverStore } from '../../../src/store/failover-store.js';
import { fixture } from '../../support/fixture-runner.js';
import { previewText } from '../../../src/present/confirmation.js';

function context(config: FailoverContext['config'], peers: PeersReading[]): FailoverContext {
  const store = new FailoverStore(['lb-0', 'lb-1'].map((name) => ({ name, sources: ['keepalived' as const, 'addresses' as const] })), { clusters: config.clusters });
  for (const lb of ['lb-0', 'lb-1']) {
    const confText = redactKeepalived(fixture(`keepalived/keepalived-${lb}.conf`));
    store.recordSuccess(lb, 'keepalived', { pid: 4242, dump: 'DATA', runtime: parseKeepalivedData(fixture(`keepalived/data-v2.2.7-${lb}.txt`)), config: parseKeepalivedConf(confText), confError: null, confText });
    store.recordSuccess(lb, 'addresses', parseIpAddrJson(fixture(`ip/addr-${lb}.json`)));
  }
  const perLb = { 'lb-0': { status: 'UP' } as StatRow, 'lb-1': { status: 'UP' } as StatRow };
  const lbs = ['lb-0', 'lb-1'].map((name) => ({ name, endpoint: '', ok: true, stale: false, error: null, lastOkAt: 1, latencyMs: 1, consecutiveFailures: 0, version: '2.6' }));
  const fleet: Fleet = { lbs, clusters: [{ name: 'cluster01', implicit: false, frontends: [], backends: [{ name: 'api', cluster: 'cluster01', perLb, servers: [] }], lbs: ['lb-0', 'lb-1'] }] };
  const s = store.getState();
  return { config, hosts: s.hosts, vips: s.vips, fleet, peers };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the peers check of a VIP move, on real HAProxy peers', () => {
  let dir: string;
  const labs: TablesLab[] = [];
  const runtimes: FleetRuntime[] = [];
  beforeAll(() => void (dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-vip-peers-'))));
  afterAll(async () => {
    for (const r of runtimes) r.stop();
    await Promise.all(labs.map((l) => l.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The lab's lb-a and lb-b as the keepalived pair's lb-0 and lb-1, and how to read their peers. */
  async function pair(name: string, brokenPeers = false) {
    const lab = await startTablesLab({ dir: path.join(dir, name), brokenPeers });
    labs.push(lab);
    const yaml = `lbs:
  lb-0: { haproxy: { socket: ${lab.lbs['lb-a'].socket} }, keepalived: true }
  lb-1: { haproxy: { socket: ${lab.lbs['lb-b'].socket} }, keepalived: true }
clusters:
  cluster01: { backends: [api], vips: [cluster01-api-vip, cluster01-ingress-vip] }
`;
    const config = loadConfig(yaml).config!;
    const runtime = createFleetRuntime(config);
    runtimes.push(runtime);
    return { lab, config, read: () => readPeersOnLbs(runtime.clients, ['lb-0', 'lb-1']) };
  }
  const inSync = (readings: PeersReading[]) => readings.every((r) => 'sections' in r && peersProblems(r.sections).length === 0);

  it('in sync: the preview says Peers check (OK); a stopped peer: NOT IN SYNC, warned, not refused', async () => {
    const { lab, config, read } = await pair('ok');
    let readings = await read();
    for (let i = 0; i < 300 && !inSync(readings); i++) readings = (await sleep(100), await read());
    const ok = planVipMove(context(config, readings), { target: '10.99.0.200', to: 'lb-1' });
    expect(ok.peers).toMatchObject({ ok: true });
    expect(previewText(ok)).toMatch(/Peers check \(OK\):\n {2}lb-0 lbpeers: peer lb-b 127\.0\.0\.1:\d+ connected/);

    await lab.lbs['lb-b'].stop();
    for (let i = 0; i < 300 && inSync(readings); i++) readings = (await sleep(100), await read());
    const plan = planVipMove(context(config, readings), { target: '10.99.0.200', to: 'lb-1' });
    expect(plan.refused).toBeNull();
    expect(plan.peers!.ok).toBe(false);
    const text = previewText(plan);
    expect(text).toMatch(/Peers check \(NOT IN SYNC\):/);
    expect(text).toMatch(/lb-0 lbpeers: peer lb-b .*NOT connected/);
    // lb-1 (the target here) is down: its runtime API does not answer, and the check says so.
    expect(text).toMatch(/lb-1: show peers failed/);
    expect(text).toMatch(/! stick tables not in sync between lb-0 and lb-1/);
    expect(text).toContain('Confirm by typing: cluster01');
    // The VIPS view's dialog draws the same check.
    const drawn = failoverPlanLines(plan).map((line) => line.map((part) => part.text).join('')).join('\n');
    expect(drawn).toMatch(/Peers check \(NOT IN SYNC\):\n {2}lb-0 lbpeers: peer lb-b .*NOT connected/);
  });

  it('both running with the peer at a wrong port: NOT IN SYNC on both sides', async () => {
    const { config, read } = await pair('broken', true);
    const plan = planVipMove(context(config, await read()), { target: '10.99.0.200', to: 'lb-1' });
    expect(plan.refused).toBeNull();
    const lines = plan.peers!.lines.join('\n');
    expect(lines).toMatch(/lb-0 lbpeers: peer lb-b .*NOT connected/);
    expect(lines).toMatch(/lb-1 lbpeers: peer lb-a .*NOT connected/);
  });
});
