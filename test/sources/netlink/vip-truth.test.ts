import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IpInterface } from '../../../src/model/failover.js';
import { haResourceVips, parseHaresources } from '../../../src/sources/heartbeat/haresources.js';
import { parseIpAddrJson } from '../../../src/sources/netlink/ip-addr.js';
import { checkVip, checkVips } from '../../../src/sources/netlink/vip-truth.js';

// Kernel views recorded around real failovers: keepalived (fixtures/ip: steady state, after `kill -9` of lb-0's
// keepalived, after lb-1's keepalived stopped cleanly) and heartbeat (fixtures/heartbeat: before/after takeover).
const ip = (path: string): IpInterface[] =>
  parseIpAddrJson(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8'));

describe('checkVips against recorded keepalived failovers', () => {
  it('finds each VIP held by exactly its expected owner in the steady state', () => {
    const hosts = { 'lb-0': ip('ip/addr-lb-0.json'), 'lb-1': ip('ip/addr-lb-1.json') };
    const verdicts = checkVips(
      [
        { vip: '10.99.0.200/24', expectedOwner: 'lb-0' },
        { vip: '10.99.0.17', expectedOwner: 'lb-1' },
        { vip: '10.99.0.210', expectedOwner: 'lb-0' },
      ],
      hosts,
    );
    expect(verdicts.map((v) => [v.vip, v.kind, v.alarm, v.holders])).toEqual([
      ['10.99.0.200', 'held', false, [{ host: 'lb-0', interface: 'eth0', interfaceUp: true }]],
      ['10.99.0.17', 'held', false, [{ host: 'lb-1', interface: 'eth0', interfaceUp: true }]],
      ['10.99.0.210', 'held', false, [{ host: 'lb-0', interface: 'eth0', interfaceUp: true }]],
    ]);
    expect(verdicts[0]?.message).toBe('10.99.0.200 is on lb-0 (eth0)');
  });

  it('says where a VIP went when it is held by one host but not the expected one', () => {
    const hosts = { 'lb-0': ip('ip/addr-lb-0.json'), 'lb-1': ip('ip/addr-lb-1.json') };
    const v = checkVip({ vip: '10.99.0.17', expectedOwner: 'lb-0' }, hosts);
    expect([v.kind, v.alarm, v.message]).toEqual(['held-elsewhere', false, '10.99.0.17 is on lb-1 (eth0), expected on lb-0 (failed over?)']);
  });

  it('raises split brain when the killed master left its VIP behind and the peer took it too', () => {
    const hosts = { 'lb-0': ip('ip/addr-lb-0-after-kill9.json'), 'lb-1': ip('ip/addr-lb-1-after-kill9.json') };
    const v = checkVip({ vip: '10.99.0.200', expectedOwner: 'lb-1' }, hosts);
    expect(v).toEqual({
      vip: '10.99.0.200',
      kind: 'split-brain',
      alarm: true,
      holders: [
        { host: 'lb-0', interface: 'eth0', interfaceUp: true },
        { host: 'lb-1', interface: 'eth0', interfaceUp: true },
      ],
      expectedOwner: 'lb-1',
      unknownHosts: [],
      message: '10.99.0.200 is on lb-0 (eth0) and lb-1 (eth0): split brain, or a stale VIP left by a killed daemon',
    });
    // lb-1's instance for .210 was in FAULT, so only the dead lb-0 still holds it: one holder, no alarm.
    expect(checkVip('10.99.0.210', hosts).kind).toBe('held');
  });

  it('raises missing when no host holds a VIP', () => {
    const hosts = { 'lb-0': ip('ip/addr-lb-0-after-kill9.json'), 'lb-1': ip('ip/addr-lb-1-stopped.json') };
    const v = checkVip({ vip: '10.99.0.17', expectedOwner: 'lb-1' }, hosts);
    expect([v.kind, v.alarm, v.holders, v.message]).toEqual(['missing', true, [], '10.99.0.17 is on no host: nobody serves it']);
  });

  it('does not call a VIP missing, or a single holder certain, while a host could not be read', () => {
    const missing = checkVip('10.99.0.17', { 'lb-0': null, 'lb-1': ip('ip/addr-lb-1-stopped.json') });
    expect([missing.kind, missing.alarm, missing.unknownHosts]).toEqual(['unknown', false, ['lb-0']]);
    const held = checkVip({ vip: '10.99.0.200', expectedOwner: 'lb-0' }, { 'lb-0': ip('ip/addr-lb-0.json'), 'lb-1': null });
    expect([held.kind, held.alarm]).toEqual(['held', false]);
    expect(held.message).toMatch(/not read: lb-1 \(a second holder would not show\)/);
  });

  it('raises an alarm when the only holder has the interface down', () => {
    const lb0 = ip('ip/addr-lb-0.json').map((i) => (i.name === 'eth0' ? { ...i, up: false } : i));
    const v = checkVip('10.99.0.200', { 'lb-0': lb0, 'lb-1': ip('ip/addr-lb-1.json') });
    expect([v.kind, v.alarm, v.message]).toEqual(['held', true, '10.99.0.200 is on lb-0 (eth0, down): the interface is down']);
  });

  it('compares IPv6 VIPs by value and refuses a VIP that is not an address', () => {
    const address = { family: 'inet6', address: '2001:db8::10', prefixLength: 64, label: null } as const;
    const host: IpInterface[] = [
      { name: 'eth0', index: 2, operState: 'UP', up: true, addresses: [{ ...address, secondary: false, unusable: false }] },
    ];
    expect(checkVip('2001:DB8:0::10/64', { a: host }).kind).toBe('held');
    expect(checkVip('api.example', { a: host })).toMatchObject({ kind: 'unknown', alarm: false, message: '"api.example" is not an IP address' });
  });
});

describe('checkVips for heartbeat resources', () => {
  const [vip] = haResourceVips(parseHaresources(readFileSync(new URL('../../../fixtures/heartbeat/haresources', import.meta.url), 'utf8')));
  const spec = { vip: vip!.address, expectedOwner: vip!.node };

  it('finds the haresources VIP on its preferred node, then on the survivor after takeover', () => {
    const before = { K8sLB01: ip('heartbeat/K8sLB01-ip-addr.json'), K8sLB02: ip('heartbeat/K8sLB02-ip-addr.json') };
    expect(checkVip(spec, before)).toMatchObject({ kind: 'held', alarm: false, holders: [{ host: 'K8sLB01', interface: 'ens10' }] });
    const after = { K8sLB01: null, K8sLB02: ip('heartbeat/K8sLB02-after-peer-stop-ip-addr.json') };
    expect(checkVip(spec, after)).toMatchObject({ kind: 'held-elsewhere', alarm: false, unknownHosts: ['K8sLB01'] });
  });
});
