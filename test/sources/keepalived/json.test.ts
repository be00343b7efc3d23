import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseKeepalivedJson } from '../../../src/sources/keepalived/json.js';

// Recorded from keepalived 2.2.7 (JSON version 1: a bare list). The {"vrrp": [...]} layout of json_version 2 is
// built from the same recording below, following keepalived's vrrp_json.c.
const LB1 = readFileSync(new URL('../../../fixtures/keepalived/json-v2.2.7-lb-1.json', import.meta.url), 'utf8');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('parseKeepalivedJson', () => {
  it('reads the recorded dump with exact fields', () => {
    const { instances } = parseKeepalivedJson(LB1);
    expect(instances.map((i) => [i.name, i.state, i.virtualRouterId, i.configuredPriority, i.effectivePriority])).toEqual([
      ['cluster01-api-vip', 'BACKUP', 51, 101, 73],
      ['cluster01-ingress-vip', 'MASTER', 52, 101, 103],
      ['cluster02-api-vip', 'FAULT', 61, 101, 101],
    ]);
    expect(instances[0]).toEqual({
      name: 'cluster01-api-vip',
      state: 'BACKUP',
      wantState: 'BACKUP',
      interface: 'eth0',
      virtualRouterId: 51,
      configuredPriority: 101,
      effectivePriority: 73,
      masterRouter: null,
      masterPriority: 102,
      vips: [{ address: '10.99.0.200', prefixLength: 24, device: 'eth0', label: null, set: false }],
      // The JSON dump names scripts by command only, without weight or status.
      trackScripts: [
        { name: '/usr/bin/true', status: 'unknown', weight: null },
        { name: '/usr/bin/false', status: 'unknown', weight: null },
      ],
      trackFiles: [],
      lastTransition: 1795436537261,
      nopreempt: false,
      unicastSource: null,
      unicastPeers: [],
      authType: 'PASS',
    });
    expect(instances[1]?.nopreempt).toBe(true);
    expect(instances[1]?.vips.map((v) => [v.address, v.label, v.set])).toEqual([
      ['10.99.0.17', 'eth0:ing', true],
      ['10.99.0.18', null, true],
    ]);
  });

  it('reads the json_version 2 layout the same way', () => {
    const v2 = JSON.stringify({ vrrp: JSON.parse(LB1) as unknown }, null, 2);
    expect(parseKeepalivedJson(v2)).toEqual(parseKeepalivedJson(LB1));
  });

  it('never lets auth_data into the model', () => {
    expect(LB1).toContain('"auth_data":"s3cr3tPW"');
    expect(JSON.stringify(parseKeepalivedJson(LB1))).not.toContain('s3cr3tPW');
  });

  it('reports a truncated dump, and does not echo its text (it may hold the password)', () => {
    const cut = LB1.slice(0, LB1.indexOf('s3cr3tPW') + 4);
    const err = parseError(() => parseKeepalivedJson(cut));
    expect(err.message).toMatch(/truncated/);
    expect(err.line).toBe(1);
    expect(err.message).not.toContain('s3cr');
  });

  it('reports the line of a syntax error in pretty-printed JSON', () => {
    const pretty = JSON.stringify(JSON.parse(LB1), null, 2).replace('"vrid": 52', '"vrid": 52x');
    const line = pretty.split('\n').findIndex((l) => l.includes('52x')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(parseError(() => parseKeepalivedJson(pretty)).line).toBe(line);
  });

  it('reports wrong shapes and values as ParseError', () => {
    const doc = JSON.parse(LB1) as { data: Record<string, unknown> }[];
    const mutate = (f: (d: Record<string, unknown>) => void): string => {
      const copy = structuredClone(doc);
      f(copy[1]!.data);
      return JSON.stringify(copy, null, 2);
    };
    const badState = mutate((d) => (d['state'] = 7));
    const err = parseError(() => parseKeepalivedJson(badState));
    expect(err.message).toMatch(/cluster01-ingress-vip: unknown VRRP state number 7/);
    expect(err.line).toBe(badState.split('\n').findIndex((l) => l.includes('"iname": "cluster01-ingress-vip"')) + 1);
    expect(parseError(() => parseKeepalivedJson(mutate((d) => (d['vrid'] = '52'))))).toBeInstanceOf(ParseError);
    expect(parseError(() => parseKeepalivedJson(mutate((d) => delete d['iname'])))).toBeInstanceOf(ParseError);
    expect(parseError(() => parseKeepalivedJson(mutate((d) => (d['vips'] = ['not-an-ip']))))).toBeInstanceOf(ParseError);
    expect(parseError(() => parseKeepalivedJson('{"vrrp": 3}')).line).toBe(1);
    expect(parseError(() => parseKeepalivedJson('[1]')).message).toMatch(/no "data"/);
    expect(parseError(() => parseKeepalivedJson('')).line).toBe(1);
  });

  it('throws nothing but ParseError for any truncation', () => {
    for (let n = 0; n < LB1.length; n += 7) {
      try {
        parseKeepalivedJson(LB1.slice(0, n));
      } catch (err) {
        expect(err).toBeInstanceOf(ParseError);
      }
    }
  });
});
