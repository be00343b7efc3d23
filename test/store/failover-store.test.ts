import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/model/events.js';
import { parseKeepalivedConf } from '../../src/sources/keepalived/conf.js';
import { parseKeepalivedData } from '../../src/sources/keepalived/data.js';
import { redactKeepalived } from '../../src/sources/keepalived/redact.js';
import { parseIpAddrJson } from '../../src/sources/netlink/ip-addr.js';
import { FailoverStore } from '../../src/store/failover-store.js';
import { clusterVipOwners } from '../../src/store/vip-rows.js';
import { fixture } from '../support/fixture-runner.js';

const reading = (lb: string) => {
  const confText = redactKeepalived(fixture(`keepalived/keepalived-${lb}.conf`));
  return { pid: 1, dump: 'DATA' as const, runtime: parseKeepalivedData(fixture(`keepalived/data-v2.2.7-${lb}.txt`)), config: parseKeepalivedConf(confText), confError: null, confText };
};
const addr = (file: string) => parseIpAddrJson(fixture(`ip/${file}`));
const cluster = (name: string, vips: string[]) => ({ name, backends: [], frontends: [], vips });

function pair() {
  const events: TimelineEvent[] = [];
  let t = 1000;
  const store = new FailoverStore(
    ['lb-0', 'lb-1'].map((name) => ({ name, sources: ['keepalived' as const, 'addresses' as const] })),
    { clusters: [cluster('cluster01', ['cluster01-api-vip', '10.99.0.17']), cluster('cluster02', ['10.99.0.210'])], onEvents: (e) => events.push(...e), now: () => t++ },
  );
  for (const lb of ['lb-0', 'lb-1']) {
    store.recordSuccess(lb, 'keepalived', reading(lb));
    store.recordSuccess(lb, 'addresses', addr(`addr-${lb}.json`));
  }
  return { store, events };
}

describe('FailoverStore: VIP rows and the kernel truth (recorded keepalived pair)', () => {
  it('one row per instance and VIP, with each LB state and who holds it', () => {
    const { store } = pair();
    const rows = store.getState().vips;
    const api = rows.find((r) => r.instance === 'cluster01-api-vip')!;
    expect(api.cluster).toBe('cluster01');
    expect(api.perLb).toEqual({
      'lb-0': { state: 'MASTER', configuredPriority: 100, effectivePriority: 102 },
      'lb-1': { state: 'BACKUP', configuredPriority: 101, effectivePriority: 73 },
    });
    expect(api.daemonOwner).toBe('lb-0');
    expect(api.verdict.kind).toBe('held');
    expect(rows.filter((r) => r.verdict.alarm)).toEqual([]);
    const owners = clusterVipOwners(rows);
    expect(owners.get('cluster01')).toEqual([
      { vip: '10.99.0.200', owner: 'lb-0', alarm: false },
      { vip: '10.99.0.17', owner: 'lb-1', alarm: false },
    ]);
    expect(owners.get('cluster02')).toEqual([{ vip: '10.99.0.210', owner: 'lb-0', alarm: false }]);
  });

  it('keepalived killed with -9 on lb-0: the VIP on both kernels is a split-brain alarm and an event', () => {
    const { store, events } = pair();
    store.recordFailure('lb-0', 'keepalived', new Error('cat /run/keepalived.pid: No such file'));
    store.recordSuccess('lb-0', 'addresses', addr('addr-lb-0-after-kill9.json'));
    store.recordSuccess('lb-1', 'addresses', addr('addr-lb-1-after-kill9.json'));
    const api = store.getState().vips.find((r) => r.instance === 'cluster01-api-vip')!;
    expect(api.verdict.kind).toBe('split-brain');
    expect(api.verdict.alarm).toBe(true);
    expect(api.perLb['lb-0']?.state).toBe('MASTER (stale)');
    const vipEvent = events.find((e) => e.kind === 'vip' && e.subject.startsWith('10.99.0.200'));
    expect(vipEvent).toMatchObject({ from: 'lb-0', to: 'lb-0+lb-1' });
    expect(vipEvent?.detail).toMatch(/^ALARM: .*split brain/);
    expect(events.some((e) => e.kind === 'vrrp' && e.to === 'unreadable')).toBe(true);
  });

  it('state changes of an instance become vrrp events', () => {
    const { store, events } = pair();
    const r = reading('lb-1');
    const api = r.runtime.instances[0]!;
    r.runtime.instances[0] = { ...api, state: 'MASTER' };
    store.recordSuccess('lb-1', 'keepalived', r);
    expect(events).toContainEqual(expect.objectContaining({ lb: 'lb-1', kind: 'vrrp', subject: 'cluster01-api-vip', from: 'BACKUP', to: 'MASTER' }));
  });

  it('a stopped keepalived that released everything leaves VIPs on nobody: missing alarm', () => {
    const { store } = pair();
    store.recordSuccess('lb-0', 'addresses', addr('addr-lb-1-stopped.json'));
    store.recordSuccess('lb-1', 'addresses', addr('addr-lb-1-stopped.json'));
    const row = store.getState().vips.find((r) => r.vip === '10.99.0.210')!;
    expect(row.verdict.kind).toBe('missing');
    expect(row.verdict.alarm).toBe(true);
  });
});
