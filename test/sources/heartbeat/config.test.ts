import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseHaCf } from '../../../src/sources/heartbeat/ha-cf.js';
import { haResourceVips, parseHaresources } from '../../../src/sources/heartbeat/haresources.js';

// ha.cf / haresources ran the recorded heartbeat; seed 001's files as published are in fixtures/seeds/001/.
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/heartbeat/${name}`, import.meta.url), 'utf8');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('parseHaCf', () => {
  it('reads the recorded ha.cf', () => {
    expect(parseHaCf(fixture('ha.cf'))).toEqual({
      keepaliveMs: 1000,
      deadtimeMs: 3000,
      warntimeMs: 2000,
      initdeadMs: 4000,
      udpPort: 694,
      autoFailback: 'on',
      nodes: ['K8sLB01', 'K8sLB02'],
      pingNodes: [],
      links: [{ medium: 'ucast', interface: 'ens10', address: '10.97.0.6', line: 7 }],
      crm: false,
    });
  });

  it('reads seed 001 (trailing comments, udp link, use_logd)', () => {
    const cf = parseHaCf(fixture('../seeds/001/ha.cf'));
    expect(cf).toMatchObject({ keepaliveMs: 1000, deadtimeMs: 3000, udpPort: 694, nodes: ['K8sLB01', 'K8sLB02'] });
    expect(cf.links).toEqual([
      { medium: 'ucast', interface: 'ens10', address: '10.143.0.5', line: 12 },
      { medium: 'udp', interface: 'ens10', address: null, line: 14 },
    ]);
  });

  it('reads ms timers, ping nodes, mcast and crm', () => {
    const cf = parseHaCf('keepalive 500ms\ndeadtime 2.5\nping 10.0.0.1 10.0.0.2\nping_group g 10.0.0.3\n' +
      'mcast eth0 225.0.0.1 694 1 0\ncrm respawn\n');
    expect(cf).toMatchObject({ keepaliveMs: 500, deadtimeMs: 2500, pingNodes: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], crm: true });
    expect(cf.links[0]).toMatchObject({ medium: 'mcast', interface: 'eth0', address: '225.0.0.1' });
  });

  it('reports bad values and garbage with their line', () => {
    expect(parseError(() => parseHaCf('keepalive 1\ndeadtime soon\n')).line).toBe(2);
    expect(parseError(() => parseHaCf('udpport 99999\n')).line).toBe(1);
    expect(parseError(() => parseHaCf('node K8sLB01\n\nucast ens10\n')).line).toBe(3);
    expect(parseError(() => parseHaCf('node a\n%%% garbage\n')).line).toBe(2);
  });
});

describe('parseHaresources', () => {
  it('reads seed 001 and the recorded file, and derives the VIPs with their preferred node', () => {
    const seed = parseHaresources(fixture('../seeds/001/haresources'));
    expect(seed).toEqual([
      {
        node: 'K8sLB01',
        resources: [
          { agent: 'IPaddr2', args: ['10.143.0.50/32/ens10:0/10.143.0.50'], raw: 'IPaddr2::10.143.0.50/32/ens10:0/10.143.0.50' },
          { agent: 'HCaliasIP', args: [], raw: 'HCaliasIP' },
        ],
        line: 1,
      },
    ]);
    expect(haResourceVips(seed)).toEqual([
      { node: 'K8sLB01', address: '10.143.0.50', prefixLength: 32, interface: 'ens10:0', line: 1 },
    ]);
    expect(haResourceVips(parseHaresources(fixture('haresources')))).toEqual([
      { node: 'K8sLB01', address: '10.97.0.50', prefixLength: 24, interface: 'ens10', line: 1 },
    ]);
  });

  it('joins continued lines, reads bare addresses and multi-argument resources', () => {
    const groups = parseHaresources('# comment\nlb1 10.0.0.5 \\\n  Filesystem::/dev/sdb1::/srv::ext4 \\\n  10.0.0.6/eth1\n');
    expect(groups).toHaveLength(1);
    expect(groups[0]?.line).toBe(2);
    expect(groups[0]?.resources.map((r) => [r.agent, r.args])).toEqual([
      ['IPaddr', ['10.0.0.5']],
      ['Filesystem', ['/dev/sdb1', '/srv', 'ext4']],
      ['IPaddr', ['10.0.0.6/eth1']],
    ]);
    expect(haResourceVips(groups).map((v) => [v.address, v.prefixLength, v.interface])).toEqual([
      ['10.0.0.5', null, null],
      ['10.0.0.6', null, 'eth1'],
    ]);
  });

  it('reports malformed lines with their line', () => {
    expect(parseError(() => parseHaresources('lb1 IPaddr2::10.0.0.5\nlb2\n')).line).toBe(2);
    expect(parseError(() => parseHaresources('lb1 IPaddr2::\n')).line).toBe(1);
    expect(parseError(() => parseHaresources('\nlb1 ::x\n')).line).toBe(2);
    expect(parseError(() => parseHaresources('lb1 10.0.0.5 \\')).message).toMatch(/truncated/);
    expect(parseError(() => parseHaresources('lb/1 IPaddr::10.0.0.5\n')).line).toBe(1);
    expect(parseError(() => haResourceVips(parseHaresources('lb1 IPaddr2::nothing/24\n'))).line).toBe(1);
  });
});
