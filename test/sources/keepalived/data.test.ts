import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseKeepalivedData } from '../../../src/sources/keepalived/data.js';
import { parseDumpTree } from '../../../src/sources/keepalived/dump-tree.js';

// Recorded from two real keepalived 2.2.7 daemons (fixtures/keepalived/record.sh).
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/keepalived/${name}`, import.meta.url), 'utf8');
const LB0 = fixture('data-v2.2.7-lb-0.txt');
const LB1 = fixture('data-v2.2.7-lb-1.txt');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

/** 1-based line number of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseKeepalivedData on recorded dumps', () => {
  it('reads the BACKUP instance whose failing track script lowered its priority (lb-1)', () => {
    const parsed = parseKeepalivedData(LB1);
    expect(parsed.routerId).toBe('lb-1');
    expect(parsed.instances.map((i) => [i.name, i.state])).toEqual([
      ['cluster01-api-vip', 'BACKUP'],
      ['cluster01-ingress-vip', 'MASTER'],
      ['cluster02-api-vip', 'FAULT'],
    ]);
    expect(parsed.instances[0]).toEqual({
      name: 'cluster01-api-vip',
      state: 'BACKUP',
      wantState: 'BACKUP',
      interface: 'eth0',
      virtualRouterId: 51,
      configuredPriority: 101,
      effectivePriority: 73, // 101 + 2 (chk_haproxy GOOD) - 30 (chk_ingress BAD)
      masterRouter: '10.99.0.1',
      masterPriority: 102,
      vips: [{ address: '10.99.0.200', prefixLength: 24, device: 'eth0', label: null, set: false }],
      trackScripts: [
        { name: 'chk_haproxy', status: 'GOOD', weight: 2 },
        { name: 'chk_ingress', status: 'BAD', weight: -30 },
      ],
      trackFiles: [{ name: 'maint', weight: -50, value: 0 }],
      lastTransition: 1795436537261,
      nopreempt: false,
      unicastSource: '10.99.0.2',
      unicastPeers: ['10.99.0.1'],
      authType: 'PASS',
    });
  });

  it('reads a MASTER with nopreempt, labelled VIPs marked set, and no unicast', () => {
    const ingress = parseKeepalivedData(LB1).instances[1];
    expect(ingress).toMatchObject({
      state: 'MASTER',
      effectivePriority: 103,
      masterRouter: null,
      masterPriority: null,
      nopreempt: true,
      unicastSource: null,
      unicastPeers: [],
      authType: null,
      vips: [
        { address: '10.99.0.17', prefixLength: 24, device: 'eth0', label: 'eth0:ing', set: true },
        { address: '10.99.0.18', prefixLength: 24, device: 'eth0', label: null, set: true },
      ],
    });
  });

  it('reads a FAULT instance (a failing weight-0 track script) and the peer view on lb-0', () => {
    expect(parseKeepalivedData(LB1).instances[2]?.trackScripts).toEqual([{ name: 'chk_ingress', status: 'BAD', weight: 0 }]);
    const lb0 = parseKeepalivedData(LB0).instances;
    expect(lb0.map((i) => [i.name, i.state, i.effectivePriority, i.masterRouter])).toEqual([
      ['cluster01-api-vip', 'MASTER', 102, null],
      ['cluster01-ingress-vip', 'BACKUP', 102, '10.99.0.2'],
      ['cluster02-api-vip', 'MASTER', 100, null],
    ]);
    expect(lb0[0]?.lastTransition).toBe(1795436540862);
  });

  it('never lets the VRRP password into the model', () => {
    expect(LB1).toContain('Password = s3cr3tPW');
    const out = JSON.stringify(parseKeepalivedData(LB1));
    expect(out).not.toContain('s3cr3tPW');
    expect(out).not.toMatch(/password/i);
    // Dropped where the dump is first split, so no later code can pick it up by accident.
    expect(JSON.stringify(parseDumpTree(LB1))).not.toContain('s3cr3tPW');
  });
});

describe('parseKeepalivedData on bad input', () => {
  const lines = LB1.split('\n');

  it('reports a dump cut short (read while keepalived was writing it) at its last line', () => {
    const cut = lines.slice(0, 140).join('\n');
    const err = parseError(() => parseKeepalivedData(cut));
    expect(err.message).toMatch(/Interfaces.*truncated/);
    expect(err.line).toBe(140);
  });

  it('reports an instance missing a required field at the instance line', () => {
    const text = LB1.replace('   Virtual Router ID = 51\n', '');
    const err = parseError(() => parseKeepalivedData(text));
    expect(err.message).toMatch(/cluster01-api-vip.*Virtual Router ID/);
    expect(err.line).toBe(lineOf(text, 'VRRP Instance = cluster01-api-vip'));
  });

  it('reports a garbage line, an unknown state and a non-numeric priority at their lines', () => {
    const garbage = [...lines.slice(0, 99), 'garbage at column zero', ...lines.slice(99)].join('\n');
    expect(parseError(() => parseKeepalivedData(garbage)).line).toBe(100);
    const state = LB1.replace('   State = MASTER', '   State = SPLIT');
    expect(parseError(() => parseKeepalivedData(state)).line).toBe(lineOf(state, 'State = SPLIT'));
    const priority = LB1.replace('   Priority = 101', '   Priority = high');
    expect(parseError(() => parseKeepalivedData(priority)).line).toBe(lineOf(priority, 'Priority = high'));
  });

  it('reports a missing VRRP Scripts section when an instance tracks scripts', () => {
    const start = lineOf(LB1, '------< VRRP Scripts >------');
    const end = lineOf(LB1, '------< VRRP Track files >------');
    const text = [...lines.slice(0, start - 1), ...lines.slice(end - 1)].join('\n');
    const err = parseError(() => parseKeepalivedData(text));
    expect(err.message).toMatch(/VRRP Scripts/);
    expect(err.line).toBe(lineOf(text, 'VRRP Instance = cluster01-api-vip'));
  });

  it('reports text that is not a dump at line 1, and an empty reply', () => {
    expect(parseError(() => parseKeepalivedData('Name: HAProxy\nVersion: 3.0.11\n')).line).toBe(1);
    expect(parseError(() => parseKeepalivedData('')).line).toBe(1);
  });

  it('throws nothing but ParseError for any truncation or any one mangled line', () => {
    for (let n = 0; n < lines.length; n++) {
      const variants = [
        lines.slice(0, n).join('\n'),
        lines.map((l, i) => (i === n ? l.slice(0, Math.floor(l.length / 2)) : l)).join('\n'),
        lines.map((l, i) => (i === n ? `${l} = = ::` : l)).join('\n'),
      ];
      for (const text of variants) {
        try {
          parseKeepalivedData(text);
        } catch (err) {
          expect(err).toBeInstanceOf(ParseError);
        }
      }
    }
  });
});
