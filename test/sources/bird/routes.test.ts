import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnsafeArgumentError, ParseError } from '../../../src/model/errors.js';
import { birdArgv } from '../../../src/sources/bird/commands.js';
import { BirdCommandError, decodeBirdReply } from '../../../src/sources/bird/reply.js';
import { parseBirdRouteCount, parseBirdRoutes } from '../../../src/sources/bird/routes.js';

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

describe('show route protocol', () => {
  it('reads BIRD 2 routes with their next hop on the following line', () => {
    const routes = parseBirdRoutes(fixture('2.0.12-show-route-protocol-bgp1.txt'));
    expect(routes).toEqual([
      {
        network: '172.16.189.64/26',
        table: 'master4',
        type: 'unicast',
        nextHops: [{ via: '10.98.0.2', interface: 'eth1' }],
        protocol: 'bgp1',
        since: '12:34:10.863',
        primary: true,
        preference: 100,
        from: null,
        attributes: {},
      },
      {
        network: '172.16.171.64/26',
        table: 'master4',
        type: 'unicast',
        nextHops: [{ via: '10.98.0.2', interface: 'eth1' }],
        protocol: 'bgp1',
        since: '12:34:10.863',
        primary: true,
        preference: 100,
        from: null,
        attributes: {},
      },
    ]);
    expect(parseBirdRoutes(fixture('2.0.12-v-show-route-protocol-bgp1.txt')).map((r) => r.nextHops)).toEqual(
      routes.map((r) => r.nextHops),
    );
  });

  it('reads BIRD 1.6 routes with the next hop inline', () => {
    const route = (network: string) => ({
      network,
      table: null,
      type: 'unicast',
      nextHops: [{ via: '10.98.0.2', interface: 'eth1' }],
      protocol: 'bgp1',
      since: '12:34:22',
      primary: true,
      preference: 100,
      from: null,
      attributes: {},
    });
    expect(parseBirdRoutes(fixture('1.6.8-show-route-protocol-bgp1.txt'))).toEqual([
      route('172.16.171.64/26'),
      route('172.16.189.64/26'),
    ]);
  });

  it('reads alternative routes, blackholes, ECMP next hops and skips attributes', () => {
    const text =
      'Table master4:\n172.16.0.0/26        unicast [bgp1 12:00:00.000 from 10.0.0.9] * (100) [AS65001i]\n' +
      '\tvia 10.0.0.1 on eth0 weight 1\n\tvia 10.0.0.2 on eth1 weight 1\n\tBGP.origin: IGP\n' +
      '                     unicast [bgp2 12:00:01.000] (100) [i]\n\tdev eth2\n' +
      '172.16.0.64/26       blackhole [static1 12:00:00.000] * (200)\n';
    const routes = parseBirdRoutes(text);
    expect(routes.map((r) => [r.network, r.type, r.protocol, r.primary, r.nextHops.length])).toEqual([
      ['172.16.0.0/26', 'unicast', 'bgp1', true, 2],
      ['172.16.0.0/26', 'unicast', 'bgp2', false, 1],
      ['172.16.0.64/26', 'blackhole', 'static1', true, 0],
    ]);
    expect(routes[1]?.nextHops).toEqual([{ via: null, interface: 'eth2' }]);
  });

  it('reads every BGP route with its protocol, next hop and "from" peer (the NODES view\'s command, 2.0.12 and 1.6.8)', () => {
    const v2 = parseBirdRoutes(fixture('2.0.12-v-r-show-route-bgp.txt'));
    expect(v2.map((r) => [r.table, r.network, r.protocol, r.nextHops[0]?.via, r.from])).toEqual([
      ['master4', '172.16.171.0/24', 'worker2', '10.97.1.2', null],
      ['master4', '172.16.189.64/26', 'worker2', '10.97.1.2', null],
      ['master4', '172.16.171.64/26', 'worker1', '10.97.0.2', null],
      // The IPv6 block over the IPv4 session: BIRD names the session's peer after "from".
      ['master6', 'fd00:171::/64', 'worker1', 'fd00:97::2', '10.97.0.2'],
    ]);
    const v16 = parseBirdRoutes(fixture('1.6.8-v-r-show-route-bgp.txt'));
    expect(v16.map((r) => [r.network, r.protocol, r.nextHops[0]?.via])).toEqual([
      ['172.16.171.0/24', 'worker2', '10.97.1.2'],
      ['172.16.171.64/26', 'worker1', '10.97.0.2'],
      ['172.16.189.64/26', 'worker2', '10.97.1.2'],
    ]);
  });

  it('keeps the attributes of `show route all` on their route (2.0.12 and 1.6.8)', () => {
    for (const v of ['2.0.12', '1.6.8']) {
      const [route] = parseBirdRoutes(fixture(`${v}-v-r-show-route-all-protocol-worker1.txt`));
      expect(route).toMatchObject({ network: '172.16.171.64/26', protocol: 'worker1' });
      expect(route?.attributes).toMatchObject({ 'BGP.origin': 'IGP', 'BGP.as_path': '', 'BGP.next_hop': '10.97.0.2', 'BGP.local_pref': '100' });
    }
    const all = parseBirdRoutes(fixture('2.0.12-v-r-show-route-all.txt'));
    expect(all.find((r) => r.network === 'fd00:171::/64')?.attributes['BGP.next_hop']).toMatch(/^fd00:97::2 fe80::/);
  });

  it('reads plain `birdc -r` output ("Access restricted" without its code is no route)', () => {
    expect(parseBirdRoutes(fixture('2.0.12-r-show-route-protocol-worker2.txt')).map((r) => r.network)).toEqual(['172.16.171.0/24', '172.16.189.64/26']);
    expect(parseBirdRoutes(fixture('1.6.8-r-show-route-protocol-worker2.txt')).map((r) => r.network)).toEqual(['172.16.171.0/24', '172.16.189.64/26']);
  });

  it('reports garbage and orphan lines with their line, and error replies as BirdCommandError', () => {
    expect(parseError(() => parseBirdRoutes('Table master4:\nthis is not a route\n')).line).toBe(2);
    expect(parseError(() => parseBirdRoutes('   unicast [bgp1 12:00] * (100)\n')).line).toBe(1);
    expect(parseError(() => parseBirdRoutes('300.1.1.0/24 unicast [bgp1 12:00] * (100)\n')).message).toMatch(/not a network/);
    expect(() => parseBirdRoutes(fixture('2.0.12-show-route-protocol-nosuch.txt'))).toThrow(BirdCommandError);
    expect(() => parseBirdRoutes(fixture('1.6.8-v-show-route-protocol-nosuch.txt'))).toThrow(/nosuch is not a protocol/);
  });
});

describe('show route count', () => {
  it('reads BIRD 2 per-table counts and the total, from birdc and the raw socket', () => {
    const expected = {
      tables: [
        { table: 'master4', routes: 2, totalRoutes: 2, networks: 2 },
        { table: 'master6', routes: 0, totalRoutes: 0, networks: 0 },
      ],
      routes: 2,
      networks: 2,
    };
    expect(parseBirdRouteCount(fixture('2.0.12-show-route-count.txt'))).toEqual(expected);
    expect(parseBirdRouteCount(fixture('2.0.12-v-show-route-count.txt'))).toEqual(expected);
    expect(parseBirdRouteCount(fixture('2.0.12-raw-show-route-count.txt'), 'socket')).toEqual(expected);
  });

  it('reads BIRD 1.6 single-table counts', () => {
    const expected = { tables: [{ table: null, routes: 2, totalRoutes: 2, networks: 2 }], routes: 2, networks: 2 };
    expect(parseBirdRouteCount(fixture('1.6.8-show-route-count.txt'))).toEqual(expected);
    expect(parseBirdRouteCount(fixture('1.6.8-raw-show-route-count.txt'), 'socket')).toEqual(expected);
  });

  it('reports an empty reply and garbage with their line', () => {
    expect(parseError(() => parseBirdRouteCount('BIRD 2.0.12 ready.\n')).line).toBe(1);
    expect(parseError(() => parseBirdRouteCount('2 of 2 routes for 2 networks\nTotal: lots\n')).line).toBe(2);
  });
});

describe('reply decoding and commands', () => {
  it('reads the greeting and drops the end-of-reply line', () => {
    const reply = decodeBirdReply(fixture('2.0.12-raw-show-protocols.txt'), 'socket');
    expect(reply.version).toBe('2.0.12');
    expect(reply.lines.map((l) => l.code)).toEqual([2002, 1002, 1002, 1002, 1002]);
  });

  it('builds restricted birdc -v argv and refuses names that are not BIRD symbols', () => {
    expect(birdArgv.showRouteProtocol({ socket: '/run/bird/bird.ctl' }, 'bgp2')).toEqual([
      'birdc', '-v', '-r', '-s', '/run/bird/bird.ctl', 'show', 'route', 'protocol', 'bgp2',
    ]);
    expect(() => birdArgv.showProtocolsAll({}, 'bgp1; configure')).toThrow(UnsafeArgumentError);
  });
});
