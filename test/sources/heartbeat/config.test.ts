import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { haResourceVips, parseHaresources } from '../../../src/sources/heartbeat/haresources.js';

// haresources ran the recorded heartbeat; seed 001's files as published are in fixtures/seeds/001/.
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
