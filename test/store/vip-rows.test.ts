// Heartbeat resources that are no address (seed 001's HCaliasIP, a script that moves a cloud floating IP), on the
// recorded cl_status outputs of a real heartbeat 3.0.6 pair (fixtures/heartbeat): the VIPS view lists them with
// the holder heartbeat reports, marked as not VIP-checked; they never raise an alarm and are never planned on.
import { describe, expect, it } from 'vitest';
import { planVipMove } from '../../src/actions/failover/vip-move.js';
import { instancesHeldBy } from '../../src/actions/failover/lb-move.js';
import { vipStatusText } from '../../src/subcommands/vip-status.js';
import { FAILOVER_DEFAULTS } from '../../src/config/failover.js';
import { loadConfig } from '../../src/config/load.js';
import { collectHeartbeat } from '../../src/sources/heartbeat/collect.js';
import { parseIpAddrJson } from '../../src/sources/netlink/ip-addr.js';
import { FailoverStore } from '../../src/store/failover-store.js';
import { clusterVipOwners } from '../../src/store/vip-rows.js';
import { vipLines } from '../../src/ui/failover/failover-lines.js';
import { fixture, fixtureRunner } from '../support/fixture-runner.js';

const config = loadConfig(`lbs:
  lb1: { haproxy: { socket: /run/1.sock }, heartbeat: { node: K8sLB01 } }
  lb2: { haproxy: { socket: /run/2.sock }, heartbeat: { node: K8sLB02 } }
clusters:
  k8s01: { backends: [api], vips: [K8sLB01] }
`).config!;

async function reading(node: 'K8sLB01' | 'K8sLB02', after = false) {
  const prefix = after && node === 'K8sLB02' ? 'K8sLB02-after-peer-stop' : node;
  const stopped = after && node === 'K8sLB01';
  const runner = fixtureRunner(node, {
    'cl_status hbstatus': stopped ? { stdout: fixture('heartbeat/stopped-hbstatus.txt'), code: 1 } : fixture(`heartbeat/${node}-hbstatus.txt`),
    'cl_status listnodes': fixture(`heartbeat/${node}-listnodes.txt`),
    'cl_status nodestatus k8slb01': fixture(`heartbeat/${prefix}-nodestatus-K8sLB01.txt`),
    'cl_status nodestatus k8slb02': fixture(`heartbeat/${node}-nodestatus-K8sLB02.txt`),
    'cl_status rscstatus': fixture(`heartbeat/${prefix}-rscstatus.txt`),
    'cat /etc/ha.d/haresources': fixture('heartbeat/haresources'),
  });
  return collectHeartbeat(runner, { haD: FAILOVER_DEFAULTS.haD, node, toolsDir: FAILOVER_DEFAULTS.heartbeatTools });
}

async function store(after = false) {
  const s = new FailoverStore([{ name: 'lb1', sources: ['heartbeat', 'addresses'] }, { name: 'lb2', sources: ['heartbeat', 'addresses'] }], { clusters: config.clusters });
  s.recordSuccess('lb1', 'heartbeat', await reading('K8sLB01', after));
  s.recordSuccess('lb2', 'heartbeat', await reading('K8sLB02', after));
  s.recordSuccess('lb1', 'addresses', parseIpAddrJson(fixture('heartbeat/K8sLB01-ip-addr.json')));
  s.recordSuccess('lb2', 'addresses', parseIpAddrJson(fixture(`heartbeat/${after ? 'K8sLB02-after-peer-stop' : 'K8sLB02'}-ip-addr.json`)));
  return s;
}

describe('heartbeat resources that are no address', () => {
  it('HCaliasIP is a row of the group, held by the LB whose heartbeat holds the group, marked not VIP-checked', async () => {
    const state = (await store()).getState();
    const row = state.vips.find((r) => r.vip === 'HCaliasIP')!;
    expect(row).toMatchObject({ instance: 'K8sLB01', stack: 'heartbeat', resource: 'HCaliasIP', cluster: 'k8s01', daemonOwner: 'lb1' });
    expect(row.perLb).toEqual({ lb1: { state: 'holds (local)', configuredPriority: null, effectivePriority: null }, lb2: { state: 'standby (local)', configuredPriority: null, effectivePriority: null } });
    expect(row.verdict).toMatchObject({ kind: 'not-checked', alarm: false, holders: [{ host: 'lb1', interface: '-', interfaceUp: true }] });
    // The group's address is still checked on the kernels.
    expect(state.vips.find((r) => r.vip === '10.97.0.50')?.verdict).toMatchObject({ kind: 'held', alarm: false });
    expect(clusterVipOwners(state.vips).get('k8s01')).toEqual([{ vip: '10.97.0.50', owner: 'lb1', alarm: false }, { vip: 'HCaliasIP', owner: 'lb1(hb)', alarm: false }]);
    const text = vipLines(state, 200).body.map((l) => l.map((s) => s.text).join('')).join('\n');
    expect(text).toMatch(/HCaliasIP\s+K8sLB01\s+k8s01\s+holds \(local\)\s+standby \(local\)\s+lb1\s+NOT VIP-CHECKED: HCaliasIP resource; holder per heartbeat/);
    expect(vipStatusText(state)).toContain('not VIP-checked: HCaliasIP is a resource script');
  });

  it('after heartbeat stops on the first node, the row follows the peer that took the group', async () => {
    const row = (await store(true)).getState().vips.find((r) => r.vip === 'HCaliasIP')!;
    expect(row.perLb.lb1?.state).toBe('stopped');
    expect(row.perLb.lb2?.state).toBe('holds (all)');
    expect(row.verdict.holders.map((h) => h.host)).toEqual(['lb2']);
  });

  it('is never planned on: naming it refuses, and moving its LB moves the group through its address row only', async () => {
    const state = (await store()).getState();
    const ctx = { config, hosts: state.hosts, vips: state.vips, fleet: null };
    expect(planVipMove(ctx, { target: 'HCaliasIP', to: 'lb2', force: true }).refused).not.toBeNull();
    expect(instancesHeldBy(ctx, 'lb1')).toEqual(['K8sLB01']);
    const group = planVipMove(ctx, { target: 'K8sLB01', to: 'lb2', force: true });
    expect(group.refused).toBeNull();
    expect(group.vip).toBe('10.97.0.50');
  });
});
