import { describe, expect, it } from 'vitest';
import type { FailoverContext } from '../../../src/actions/failover/context.js';
import { planVipMove } from '../../../src/actions/failover/vip-move.js';
import { planWayBack } from '../../../src/actions/failover/way-back.js';
import { instancesHeldBy, planLbMove } from '../../../src/actions/failover/lb-move.js';
import { predictOwner, type VrrpPeer } from '../../../src/actions/failover/vrrp-predict.js';
import { loadConfig } from '../../../src/config/load.js';
import type { Fleet } from '../../../src/model/fleet.js';
import type { StatRow } from '../../../src/model/haproxy.js';
import { parseKeepalivedConf } from '../../../src/sources/keepalived/conf.js';
import { parseKeepalivedData } from '../../../src/sources/keepalived/data.js';
import { redactKeepalived } from '../../../src/sources/keepalived/redact.js';
import { parseIpAddrJson } from '../../../src/sources/netlink/ip-addr.js';
import { FailoverStore } from '../../../src/store/failover-store.js';
import { fixture } from '../../support/fixture-runner.js';
import { previewText } from '../../../src/present/confirmation.js';

const { config } = loadConfig(`lbs:
  lb-0: { haproxy: { socket: /run/0.sock }, keepalived: true }
  lb-1: { haproxy: { socket: /run/1.sock }, keepalived: true }
clusters:
  cluster01: { backends: [api], vips: [cluster01-api-vip, cluster01-ingress-vip] }
`);

function fleet(status: Record<string, string>): Fleet {
  const lbs = Object.keys(status).map((name) => ({ name, endpoint: '', ok: true, stale: false, error: null, lastOkAt: 1, latencyMs: 1, consecutiveFailures: 0, version: '2.6' }));
  const perLb = Object.fromEntries(Object.entries(status).map(([lb, s]) => [lb, { status: s } as StatRow]));
  return { lbs, clusters: [{ name: 'cluster01', implicit: false, frontends: [], backends: [{ name: 'api', cluster: 'cluster01', perLb, servers: [] }], lbs: Object.keys(status) }] };
}

function context(f: Fleet | null = fleet({ 'lb-0': 'UP', 'lb-1': 'UP' })): FailoverContext {
  const store = new FailoverStore(['lb-0', 'lb-1'].map((name) => ({ name, sources: ['keepalived' as const, 'addresses' as const] })), { clusters: config!.clusters });
  for (const lb of ['lb-0', 'lb-1']) {
    const confText = redactKeepalived(fixture(`keepalived/keepalived-${lb}.conf`));
    store.recordSuccess(lb, 'keepalived', { pid: 4242, dump: 'DATA', runtime: parseKeepalivedData(fixture(`keepalived/data-v2.2.7-${lb}.txt`)), config: parseKeepalivedConf(confText), confError: null, confText });
    store.recordSuccess(lb, 'addresses', parseIpAddrJson(fixture(`ip/addr-${lb}.json`)));
  }
  const s = store.getState();
  return { config: config!, hosts: s.hosts, vips: s.vips, fleet: f };
}

describe('VRRP owner prediction', () => {
  const peer = (lb: string, state: VrrpPeer['state'], priority: number, extra: Partial<VrrpPeer> = {}): VrrpPeer => ({ lb, state, priority, nopreempt: false, primaryIp: null, ...extra });
  it('a preempting backup with a higher priority takes over; nopreempt does not', () => {
    expect(predictOwner([peer('a', 'MASTER', 90), peer('b', 'BACKUP', 100)]).owner).toBe('b');
    const p = predictOwner([peer('a', 'MASTER', 90), peer('b', 'BACKUP', 100, { nopreempt: true })]);
    expect(p.owner).toBe('a');
    expect(p.reason).toMatch(/nopreempt/);
  });
  it('equal priorities: a live master stays; in an election the higher primary IP wins', () => {
    expect(predictOwner([peer('a', 'MASTER', 100), peer('b', 'BACKUP', 100)]).owner).toBe('a');
    const e = predictOwner([peer('a', 'GONE', 100), peer('b', 'BACKUP', 100, { primaryIp: '10.0.0.9' }), peer('c', 'BACKUP', 100, { primaryIp: '10.0.0.10' })]);
    expect(e.owner).toBe('c');
    expect(e.reason).toMatch(/equal priority 100: the higher address 10.0.0.10 wins/);
  });
  it('priority 255 always holds the VIP (nopreempt or not); a FAULT or stopped master leaves it to the election', () => {
    expect(predictOwner([peer('a', 'MASTER', 200), peer('b', 'BACKUP', 255, { nopreempt: true })]).owner).toBe('b');
    expect(predictOwner([peer('a', 'FAULT', 250), peer('b', 'BACKUP', 10)]).owner).toBe('b');
    expect(predictOwner([peer('a', 'GONE', 250)]).owner).toBeNull();
  });
});

describe('planVipMove on the recorded keepalived pair', () => {
  it('prefers the track file: maint=1 takes lb-0 from 102 to 52, under lb-1 (73), which preempts', () => {
    const plan = planVipMove(context(), { target: '10.99.0.200', to: 'lb-1' });
    expect(plan.refused).toBeNull();
    expect(plan.method).toBe('track-file');
    expect(plan.confirmWord).toBe('cluster01');
    expect(plan.steps).toEqual([{ kind: 'write-track-file', lb: 'lb-0', path: '/etc/keepalived/lb-0/maint', text: '1\n', why: 'track file maint (weight -50): 0 → 1' }]);
    expect(plan.table).toEqual([
      { lb: 'lb-0', state: 'MASTER', priorityNow: 102, priorityAfter: 52, predicted: 'BACKUP' },
      { lb: 'lb-1', state: 'BACKUP', priorityNow: 73, priorityAfter: 73, predicted: 'MASTER' },
    ]);
    expect(plan.predictedOwner).toBe('lb-1');
    const text = previewText(plan);
    expect(text).toContain('[lb-0] write /etc/keepalived/lb-0/maint: 1');
    expect(text).toContain('Confirm by typing: cluster01');
  });

  it('a priority edit shows a redacted diff of keepalived.conf and plans the reload', () => {
    const plan = planVipMove(context(), { target: 'cluster01-api-vip', to: 'lb-1', method: 'priority' });
    expect(plan.method).toBe('priority');
    expect(plan.steps.map((s) => s.kind)).toEqual(['edit-conf', 'run']);
    expect(plan.steps[1]).toMatchObject({ argv: ['kill', '-HUP', '4242'] });
    const diff = plan.diffs[0]!.diff;
    expect(diff).toMatch(/^-\s+priority 100$/m);
    expect(diff).toMatch(/^\+\s+priority 70$/m);
    expect(JSON.stringify(plan)).not.toContain('s3cr3tPW');
  });

  it('a standby with nopreempt blocks both priority methods: only stopping keepalived moves the VIP', () => {
    const plan = planVipMove(context(), { target: 'cluster01-ingress-vip', to: 'lb-0' });
    expect(plan.refused).toBeNull();
    expect(plan.method).toBe('stop');
    expect(plan.steps).toEqual([{ kind: 'run', lb: 'lb-1', argv: ['kill', '-TERM', '4242'], why: 'stop keepalived on lb-1: every VIP it holds moves' }]);
    expect(plan.notes.join('\n')).toMatch(/track-file: the master instance tracks no file/);
    expect(plan.notes.join('\n')).toMatch(/priority: lb-1 stays master: lb-0 has a higher priority but nopreempt/);
    expect(plan.table.find((r) => r.lb === 'lb-1')?.predicted).toBe('STOPPED');
  });

  it('refuses when the standby HAProxy has a backend down, unless forced; and refuses unknown or odd targets', () => {
    const down = planVipMove(context(fleet({ 'lb-0': 'UP', 'lb-1': 'DOWN' })), { target: '10.99.0.200', to: 'lb-1' });
    expect(down.refused).toMatch(/lb-1's HAProxy does not have every backend of cluster01 UP/);
    expect(down.precheck.lines).toEqual(['lb-1 api: DOWN  ✗']);
    expect(planVipMove(context(fleet({ 'lb-0': 'UP', 'lb-1': 'DOWN' })), { target: '10.99.0.200', to: 'lb-1', force: true }).refused).toBeNull();
    expect(planVipMove(context(null), { target: '10.99.0.200', to: 'lb-1' }).refused).toMatch(/cannot check|does not have/);
    expect(planVipMove(context(), { target: '10.99.0.99', to: 'lb-1' }).refused).toMatch(/no VIP or instance/);
    expect(planVipMove(context(), { target: '10.99.0.200', to: 'lb-0' }).refused).toMatch(/already on lb-0/);
    expect(planVipMove(context(), { target: '10.99.0.200', to: 'lb-9' }).refused).toMatch(/does not run/);
  });

  it('the way back restores the track file and predicts lb-0 preempts again', () => {
    const ctx = context();
    const plan = planVipMove(ctx, { target: '10.99.0.200', to: 'lb-1' });
    const back = planWayBack({ plan, steps: [], ok: true, moveMs: 1000, holders: ['lb-1'], verified: true, detail: '', undo: [{ kind: 'restore-file', lb: 'lb-0', path: '/etc/keepalived/lb-0/maint', text: '0\n', expected: '1\n', check: false, why: 'back' }] }, ctx);
    expect(back?.to).toBe('lb-0');
    expect(back?.predictedOwner).toBe('lb-0');
    expect(back?.confirmWord).toBe('cluster01');
  });
});

describe('planLbMove: every VIP an LB holds', () => {
  it('plans each instance lb-0 holds alone, and refuses as a whole when one cannot move (cluster02 is FAULT on lb-1)', () => {
    const ctx = context();
    expect(instancesHeldBy(ctx, 'lb-0')).toEqual(['cluster01-api-vip', 'cluster02-api-vip']);
    const { plans, refused } = planLbMove(ctx, 'lb-0', { to: 'lb-1' });
    expect(plans.map((p) => [p.instance, p.method, p.refused === null])).toEqual([
      ['cluster01-api-vip', 'track-file', true],
      ['cluster02-api-vip', 'stop', false],
    ]);
    expect(refused).toMatch(/^cluster02-api-vip: no method moves 10\.99\.0\.210 to lb-1/);
    expect(plans[1]!.notes.join('\n')).toMatch(/stop: the VIP would go to nobody/);
  });
  it('an LB that holds nothing alone is refused', () => {
    expect(planLbMove(context(), 'lb-9', { to: 'lb-1' }).refused).toMatch(/holds no VIP alone/);
  });
});
