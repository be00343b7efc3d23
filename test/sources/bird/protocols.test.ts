import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseBirdProtocols, parseBirdProtocolsAll } from '../../../src/sources/bird/protocols.js';
import { BirdCommandError } from '../../../src/sources/bird/reply.js';

// Recorded from real BIRD 2.0.12 and 1.6.8 daemons in a BGP session (fixtures/bird/record.sh): plain birdc,
// `birdc -v` (v-*) and the raw control socket (raw-*).
const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/bird/${name}`, import.meta.url), 'utf8');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('show protocols', () => {
  it('reads BIRD 2 (--- tables, ms timestamps, info with the last error)', () => {
    expect(parseBirdProtocols(fixture('2.0.12-show-protocols.txt'))).toEqual({
      version: '2.0.12',
      protocols: [
        { name: 'device1', proto: 'Device', table: null, state: 'up', since: '12:34:06.049', info: '' },
        { name: 'kernel1', proto: 'Kernel', table: 'master4', state: 'up', since: '12:34:06.049', info: '' },
        { name: 'bgp1', proto: 'BGP', table: null, state: 'up', since: '12:34:09.808', info: 'Established' },
        { name: 'bgp2', proto: 'BGP', table: null, state: 'start', since: '12:34:06.049', info: 'Active Socket: No route to host' },
      ],
    });
  });

  it('reads BIRD 1.6 (lower-case header, one master table)', () => {
    const { version, protocols } = parseBirdProtocols(fixture('1.6.8-show-protocols.txt'));
    expect(version).toBe('1.6.8');
    expect(protocols.map((p) => [p.name, p.proto, p.table, p.state, p.since, p.info])).toEqual([
      ['device1', 'Device', 'master', 'up', '12:34:18', ''],
      ['kernel1', 'Kernel', 'master', 'up', '12:34:18', ''],
      ['bgp1', 'BGP', 'master', 'up', '12:34:22', 'Established'],
      ['bgp2', 'BGP', 'master', 'start', '12:34:18', 'Connect'],
    ]);
  });

  it('reads a name wider than its column, and the same table from birdc -v and the raw socket', () => {
    for (const v of ['2.0.12', '1.6.8']) {
      const peer = parseBirdProtocols(fixture(`${v}-peer-show-protocols.txt`)).protocols;
      expect(peer[1]).toMatchObject({ name: 'static_pods', proto: 'Static', state: 'up' });
      expect(peer[2]).toMatchObject({ name: 'calico', proto: 'BGP', info: 'Established' });
      const plain = parseBirdProtocols(fixture(`${v}-show-protocols.txt`)).protocols.map((p) => p.name);
      expect(parseBirdProtocols(fixture(`${v}-v-show-protocols.txt`)).protocols.map((p) => p.name)).toEqual(plain);
      expect(parseBirdProtocols(fixture(`${v}-raw-show-protocols.txt`), 'socket').protocols.map((p) => p.name)).toEqual(plain);
    }
  });

  it('reads `timeformat protocol iso long` dates as one column', () => {
    const text = 'name proto table state since info\nbgp1 BGP master up 2026-11-23 12:34:22 Established\n';
    expect(parseBirdProtocols(text).protocols[0]).toMatchObject({ since: '2026-11-23 12:34:22', info: 'Established' });
  });

  it('reports a missing header, a garbage row and an unknown state with their line', () => {
    const text = fixture('2.0.12-show-protocols.txt');
    expect(parseError(() => parseBirdProtocols(text.replace(/^Name.*\n/m, ''))).line).toBe(2);
    expect(parseError(() => parseBirdProtocols(`${text}garbage\n`)).line).toBe(7);
    expect(parseError(() => parseBirdProtocols(text.replace('start ', 'weird '))).message).toMatch(/unknown state "weird"/);
    expect(parseError(() => parseBirdProtocols('')).line).toBe(1);
    // A cut birdc -v line is neither a coded line nor a continuation.
    const v = fixture('2.0.12-v-show-protocols.txt').split('\n');
    expect(parseError(() => parseBirdProtocols([...v.slice(0, 3), '10'].join('\n'))).line).toBe(4);
  });
});

describe('show protocols all', () => {
  it('reads an Established BGP session and its channel, BIRD 2', () => {
    expect(parseBirdProtocolsAll(fixture('2.0.12-show-protocols-all-bgp1.txt'))).toEqual([
      {
        protocol: { name: 'bgp1', proto: 'BGP', table: null, state: 'up', since: '12:34:09.808', info: 'Established' },
        bgp: {
          state: 'Established',
          neighborAddress: '10.98.0.2',
          neighborAs: 65000,
          localAs: 65000,
          neighborId: '10.98.0.2',
          sourceAddress: '10.98.0.1',
          lastError: null,
        },
        channels: [
          {
            name: 'ipv4',
            state: 'UP',
            table: 'master4',
            preference: 100,
            importFilter: '(unnamed)',
            exportFilter: 'REJECT',
            routes: { imported: 2, filtered: 0, exported: 0, preferred: 2 },
          },
        ],
      },
    ]);
    expect(parseBirdProtocolsAll(fixture('2.0.12-v-show-protocols-all-bgp1.txt'))[0]?.bgp?.neighborAddress).toBe('10.98.0.2');
  });

  it('reads a session that never came up, BIRD 2 and 1.6', () => {
    const [v2] = parseBirdProtocolsAll(fixture('2.0.12-show-protocols-all-bgp2.txt'));
    expect(v2?.bgp).toMatchObject({ state: 'Active', neighborAddress: '10.98.0.3', lastError: 'Socket: No route to host' });
    expect(v2?.channels[0]).toMatchObject({ state: 'DOWN', routes: null });
    const [v16] = parseBirdProtocolsAll(fixture('1.6.8-show-protocols-all-bgp2.txt'));
    expect(v16?.bgp).toMatchObject({ state: 'Connect', neighborAddress: '10.98.0.3', neighborAs: 65000, localAs: null });
  });

  it('reads BIRD 1.6 channel keys into one implicit channel', () => {
    const [bgp1] = parseBirdProtocolsAll(fixture('1.6.8-v-show-protocols-all-bgp1.txt'));
    expect(bgp1?.channels).toEqual([
      {
        name: null,
        state: null,
        table: 'master',
        preference: 100,
        importFilter: '(unnamed)',
        exportFilter: 'REJECT',
        routes: { imported: 2, filtered: 0, exported: 0, preferred: 2 },
      },
    ]);
    expect(bgp1?.bgp).toMatchObject({ state: 'Established', neighborId: '10.98.0.2', sourceAddress: '10.98.0.1' });
  });

  it('reports bad numbers and detail lines before a row', () => {
    const text = fixture('1.6.8-show-protocols-all-bgp1.txt');
    const bad = text.replace('Neighbor AS:      65000', 'Neighbor AS:      lots');
    expect(parseError(() => parseBirdProtocolsAll(bad)).line).toBe(bad.split('\n').findIndex((l) => l.includes('lots')) + 1);
    expect(parseError(() => parseBirdProtocolsAll('name proto table state since info\n  Preference: 100\n')).line).toBe(2);
  });

  it('turns an error reply into BirdCommandError, from birdc -v codes and from plain birdc', () => {
    for (const name of ['2.0.12-v-show-route-protocol-nosuch.txt', '1.6.8-show-route-protocol-nosuch.txt']) {
      expect(() => parseBirdProtocolsAll(fixture(name))).toThrow(BirdCommandError);
    }
  });

  it('throws nothing but ParseError for any truncation', () => {
    for (const name of ['2.0.12-v-show-protocols-all-bgp1.txt', '1.6.8-show-protocols-all-bgp2.txt']) {
      const text = fixture(name);
      for (let n = 0; n < text.length; n += 5) {
        try {
          parseBirdProtocolsAll(text.slice(0, n));
        } catch (err) {
          expect(err).toBeInstanceOf(ParseError);
        }
      }
    }
  });
});
