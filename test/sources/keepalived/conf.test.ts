import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseKeepalivedConf } from '../../../src/sources/keepalived/conf.js';

// keepalived-lb-1.conf ran the recorded daemon; the seeds' files are in fixtures/seeds/.
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/keepalived/${name}`, import.meta.url), 'utf8');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

const MINIMAL = (body: string): string => `vrrp_instance VI {\n  virtual_router_id 7\n${body}\n}\n`;

describe('parseKeepalivedConf', () => {
  it('reads the config the recorded daemon ran, resolving track weights', () => {
    const conf = parseKeepalivedConf(fixture('keepalived-lb-1.conf'));
    expect(conf.routerId).toBe('lb-1');
    expect(conf.scripts).toEqual([
      { name: 'chk_haproxy', command: '/bin/true', interval: 1, weight: 2, fall: null, rise: null },
      { name: 'chk_ingress', command: '/bin/false', interval: 1, weight: -30, fall: 1, rise: 1 },
    ]);
    expect(conf.trackFiles).toEqual([{ name: 'maint', file: '/etc/keepalived/lb-1/maint', weight: -50 }]);
    expect(conf.instances[0]).toEqual({
      name: 'cluster01-api-vip',
      initialState: 'BACKUP',
      interface: 'eth0',
      virtualRouterId: 51,
      priority: 101,
      advertInt: 1,
      nopreempt: false,
      preemptDelay: null,
      unicastSource: '10.99.0.2',
      unicastPeers: ['10.99.0.1'],
      vips: [{ address: '10.99.0.200', prefixLength: 24, device: null, label: null, set: null }],
      excludedVips: [],
      trackScripts: [
        { name: 'chk_haproxy', weight: 2 },
        { name: 'chk_ingress', weight: -30 },
      ],
      trackFiles: [{ name: 'maint', weight: -50 }],
      trackInterfaces: [],
      authType: 'PASS',
      line: 22,
    });
    expect(conf.instances[1]).toMatchObject({ name: 'cluster01-ingress-vip', nopreempt: true, unicastPeers: [] });
    // `chk_ingress weight 0` in the instance overrides the script's -30.
    expect(conf.instances[2]?.trackScripts).toEqual([{ name: 'chk_ingress', weight: 0 }]);
  });

  it('reads seed 000 (single-quoted script, two MASTER instances)', () => {
    const conf = parseKeepalivedConf(fixture('../seeds/000/keepalived.conf'));
    expect(conf.scripts[0]?.command).toBe('killall -0 haproxy');
    expect(conf.instances.map((i) => [i.name, i.initialState, i.priority, i.virtualRouterId, i.interface, i.vips[0]?.address])).toEqual([
      ['cluster01-api-vip', 'MASTER', 200, 51, 'enp0s1', '192.168.64.200'],
      ['cluster01-ingress-vip', 'MASTER', 200, 52, 'enp0s1', '192.168.67.17'],
    ]);
  });

  it('reads seed 002 and keeps auth_type but never auth_pass', () => {
    const text = fixture('../seeds/002/lb-1/keepalived.conf');
    expect(text).toContain('auth_pass 9999');
    const conf = parseKeepalivedConf(text);
    expect(conf.instances[0]).toMatchObject({
      name: 'VI_1',
      priority: 101,
      authType: 'PASS',
      trackScripts: [{ name: 'chk_haproxy', weight: 0 }],
      vips: [{ address: '192.0.2.254', prefixLength: null }],
    });
    expect(JSON.stringify(conf)).not.toContain('9999');
    expect(JSON.stringify(parseKeepalivedConf(fixture('keepalived-lb-1.conf')))).not.toContain('s3cr3tPW');
  });

  it('notes includes, accepts a brace on the next line and one-line blocks, defaults priority to 100', () => {
    const conf = parseKeepalivedConf(
      'include /etc/keepalived/conf.d/*.conf\nvrrp_instance VI\n{\n  virtual_router_id 9 ! comment\n' +
        '  virtual_ipaddress { 10.0.0.1/32 dev eth1 }\n  track_interface {\n    eth1 weight -20\n  }\n}\n' +
        'vrrp_sync_group G { group { VI } }\n',
    );
    expect(conf.includes).toEqual([{ pattern: '/etc/keepalived/conf.d/*.conf', line: 1 }]);
    expect(conf.instances[0]).toMatchObject({
      priority: 100,
      virtualRouterId: 9,
      vips: [{ address: '10.0.0.1', prefixLength: 32, device: 'eth1' }],
      trackInterfaces: [{ name: 'eth1', weight: -20 }],
      line: 2,
    });
    expect(conf.syncGroups).toEqual([{ name: 'G', instances: ['VI'] }]);
  });

  it('reports malformed configs with their line', () => {
    const cases: [string, number, RegExp][] = [
      ['vrrp_instance VI {\n  virtual_router_id 7\n', 1, /never closed/],
      ['vrrp_instance VI {\n  virtual_router_id 7\n}\n}\n', 4, /never opened/],
      ['vrrp_script s {\n  script "/bin/true\n}\n', 2, /quoted string/],
      [MINIMAL('  priority high'), 3, /priority/],
      [MINIMAL('  state SLAVE'), 3, /state "SLAVE"/],
      [MINIMAL('  virtual_ipaddress {\n    not-an-address\n  }'), 4, /virtual IP/],
      [MINIMAL('  unicast_peer {\n    peer.example\n  }'), 4, /unicast peer/],
      [MINIMAL('  track_script {\n    chk weight heavy\n  }'), 4, /weight/],
      ['vrrp_instance VI {\n  priority 100\n}\n', 1, /virtual_router_id/],
      ['{\n}\n', 1, /without a keyword/],
    ];
    for (const [text, line, message] of cases) {
      const err = parseError(() => parseKeepalivedConf(text));
      expect([err.line, err.message]).toEqual([line, expect.stringMatching(message)]);
    }
  });

  it('does not quote the password when the authentication block is malformed', () => {
    const err = parseError(() => parseKeepalivedConf(MINIMAL('  authentication {\n    auth_pass "hunter2\n  }')));
    expect(err.line).toBe(4);
    expect(err.message).not.toContain('hunter2');
  });
});
