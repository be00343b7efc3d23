// Kubernetes nodes through BGP from recorded BIRD replies (fixtures/bird/record-nodes.sh: an ingress learning
// worker1's 172.16.171.64/26 and fd00:171::/64 and worker2's 172.16.189.64/26 and covering 172.16.171.0/24):
// the collector's commands, the longest-prefix match in IPv4 and IPv6, node names from lbtop.yaml, ties, and the
// config's errors. The end-to-end run against live daemons is node-bgp-netns.test.ts.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { BgpReadings } from '../../src/model/bgp-nodes.js';
import type { Fleet } from '../../src/model/fleet.js';
import type { StatRow } from '../../src/model/haproxy.js';
import { collectBgpRoutes } from '../../src/sources/bird/bgp-routes.js';
import { bgpNodeNames, mapBgpNodes } from '../../src/store/bgp-nodes.js';
import { bits, parsePrefix, prefixContains, PrefixIndex } from '../../src/store/prefix-match.js';
import { fixture, fixtureRunner } from '../support/fixture-runner.js';

const target = { socket: '/run/bird/bird.ctl', client: 'birdc' };
const base = 'birdc -v -r -s /run/bird/bird.ctl';

async function reading(version: '2.0.12' | '1.6.8') {
  const runner = fixtureRunner('lb1', {
    [`${base} show protocols all`]: fixture(`bird/${version}-v-r-show-protocols-all.txt`),
    [`${base} show route where source = RTS_BGP`]: fixture(`bird/${version}-v-r-show-route-bgp.txt`),
  });
  return { value: await collectBgpRoutes(runner, target), calls: runner.calls.map((c) => c.join(' ')) };
}

/** A fleet of one backend on the given LBs: server name → address. */
function fleetOf(lbs: string[], servers: Record<string, string>): Fleet {
  const row = (addr: string) => ({ addr, status: 'UP' }) as StatRow;
  return {
    lbs: [],
    clusters: [{
      name: 'k8s', implicit: false, frontends: [],
      backends: [{
        name: 'be_app', cluster: 'k8s', perLb: {},
        servers: Object.entries(servers).map(([name, addr]) => ({
          backend: 'be_app', name, address: addr,
          perLb: Object.fromEntries(lbs.map((lb) => [lb, { lb, row: row(addr), state: null }])),
        })),
      }],
    }],
  } as unknown as Fleet;
}

const PODS = { SRV_1: '172.16.171.67:8080', SRV_6: '172.16.171.10:8080', SRV_3: '172.16.189.68:8080', V6: '[fd00:171::5]:8080', OUT: '10.99.0.5:80' };

describe('BGP routes from BIRD (recorded 2.0.12 and 1.6.8)', () => {
  it('reads the BGP sessions and every BGP route in two restricted birdc commands', async () => {
    for (const v of ['2.0.12', '1.6.8'] as const) {
      const { value, calls } = await reading(v);
      expect(calls).toEqual([`${base} show protocols all`, `${base} show route where source = RTS_BGP`]);
      expect(value.version).toBe(v);
      expect(value.peers).toEqual([
        { protocol: 'worker1', state: 'up', neighbor: '10.97.0.2' },
        { protocol: 'worker2', state: 'up', neighbor: '10.97.1.2' },
      ]);
      expect(value.routes.map((r) => r.network).sort()).toEqual(
        [...(v === '2.0.12' ? ['fd00:171::/64'] : []), '172.16.171.0/24', '172.16.171.64/26', '172.16.189.64/26'].sort(),
      );
    }
  });

  it('maps each server to the longest prefix holding it, IPv4 and IPv6; servers outside every prefix on no node', async () => {
    const readings: BgpReadings = { lb1: { reading: (await reading('2.0.12')).value, error: null } };
    const map = mapBgpNodes(fleetOf(['lb1', 'lb2'], PODS), readings, () => ({}));
    const pods = Object.fromEntries(map.nodes.map((n) => [n.name, n.pods.map((p) => `${p.lb} ${p.server} ${p.prefix}`)]));
    expect(pods).toEqual({
      // lb2 has no BIRD: its servers are placed by what lb1 learned.
      worker1: ['lb1 SRV_1 172.16.171.64/26', 'lb2 SRV_1 172.16.171.64/26', 'lb1 V6 fd00:171::/64', 'lb2 V6 fd00:171::/64'],
      worker2: ['lb1 SRV_6 172.16.171.0/24', 'lb2 SRV_6 172.16.171.0/24', 'lb1 SRV_3 172.16.189.64/26', 'lb2 SRV_3 172.16.189.64/26'],
    });
    expect(map.nodes.find((n) => n.name === 'worker1')!.pods.find((p) => p.lb === 'lb2')!.learnedOn).toBe('lb1');
    expect(map.nodes.map((n) => n.prefixes)).toEqual([['172.16.171.64/26', 'fd00:171::/64'], ['172.16.171.0/24', '172.16.189.64/26']]);
    expect(map.conflicts).toEqual([]);
  });

  it('names nodes from lbtop.yaml: bgp.nodes by address for every LB, an LB\'s bird.nodes by protocol winning', async () => {
    const { config, issues } = loadConfig(
      'bgp:\n  nodes: { 10.97.0.2: k8s-worker-1, 10.97.1.2: k8s-worker-2 }\nlbs:\n  lb1:\n    haproxy: { socket: /run/x.sock }\n    bird: { nodes: { worker2: k8s-worker-2b } }\n',
    );
    expect(issues).toEqual([]);
    const readings: BgpReadings = { lb1: { reading: (await reading('1.6.8')).value, error: null }, lb2: { reading: null, error: 'lb2: birdc failed' } };
    const map = mapBgpNodes(fleetOf(['lb1'], PODS), readings, bgpNodeNames(config!));
    expect(map.nodes.map((n) => [n.name, n.pods.map((p) => p.server)])).toEqual([
      ['k8s-worker-1', ['SRV_1']],
      ['k8s-worker-2b', ['SRV_6', 'SRV_3']],
    ]);
    expect(map.errors).toEqual([{ lb: 'lb2', error: 'lb2: birdc failed' }]);
  });

  it('gives a server inside the same prefix from two nodes to neither, unless BIRD prefers one', async () => {
    const r = (await reading('1.6.8')).value;
    const twin = r.routes.find((x) => x.network === '172.16.171.64/26')!;
    const tie = { ...r, routes: [...r.routes.map((x) => ({ ...x, primary: false })), { ...twin, protocol: 'worker2', primary: false }] };
    const map = mapBgpNodes(fleetOf(['lb1'], { SRV_1: PODS.SRV_1 }), { lb1: { reading: tie, error: null } }, () => ({}));
    expect(map.conflicts.map((c) => [c.member.server, c.prefix, c.nodes])).toEqual([['SRV_1', '172.16.171.64/26', ['worker1', 'worker2']]]);
    expect(map.nodes.flatMap((n) => n.pods)).toEqual([]);
    const preferred = { ...tie, routes: tie.routes.map((x, i) => (i === tie.routes.length - 1 ? { ...x, primary: true } : x)) };
    const chosen = mapBgpNodes(fleetOf(['lb1'], { SRV_1: PODS.SRV_1 }), { lb1: { reading: preferred, error: null } }, () => ({}));
    expect(chosen.nodes.find((n) => n.pods.length > 0)?.name).toBe('worker2');
  });
});

describe('prefix match', () => {
  it('holds IPv4 and IPv6 apart and picks the longest', () => {
    const p = (t: string) => parsePrefix(t)!;
    expect(prefixContains(p('172.16.171.64/26'), '172.16.171.127')).toBe(true);
    expect(prefixContains(p('172.16.171.64/26'), '172.16.171.128')).toBe(false);
    expect(prefixContains(p('fd00:171::/64'), 'fd00:171::ffff:1')).toBe(true);
    expect(prefixContains(p('fd00:171::/64'), 'fd00:172::1')).toBe(false);
    expect(prefixContains(p('0.0.0.0/0'), 'fd00::1')).toBe(false);
    expect(prefixContains(p('::/0'), '10.0.0.1')).toBe(false);
    expect(parsePrefix('300.0.0.0/8')).toBeNull();
    expect(parsePrefix('10.0.0.0/33')).toBeNull();
    const index = new PrefixIndex(['10.1.2.0/24', '10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', 'fd00::/8', 'fd00:171::/64'].map(p), (x) => x);
    const longest = (ip: string) => index.longest(bits(ip)!).map((x) => x.text);
    expect(longest('10.1.2.3')).toEqual(['10.1.2.0/24', '10.1.2.0/24']);
    expect(longest('10.1.3.3')).toEqual(['10.1.0.0/16']);
    expect(longest('10.200.0.1')).toEqual(['10.0.0.0/8']);
    expect(longest('11.0.0.1')).toEqual([]);
    expect(longest('fd00:171::9')).toEqual(['fd00:171::/64']);
    expect(longest('fd00:172::9')).toEqual(['fd00::/8']);
    expect(longest('::ffff:10.1.2.3')).toEqual([]);
  });
});

describe('lbtop.yaml bgp.nodes', () => {
  it('says which key or name is wrong, where', () => {
    const { issues } = loadConfig('bgp:\n  nodes: { "bad key!": w1 }\nlbs:\n  a:\n    haproxy: { socket: /x }\n    bird: { nodes: { bgp4: "two words" } }\n');
    expect(issues.map((i) => [i.line, i.path, i.message])).toEqual([
      [2, 'bgp.nodes."bad key!"', expect.stringContaining("a key is a BIRD protocol name (e.g. bgp2) or a peer's address")],
      [6, 'lbs.a.bird.nodes.bgp4', expect.stringContaining('a name starts with a letter or digit')],
    ]);
  });
});
