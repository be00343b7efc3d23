import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { addressKey, splitCidr } from '../../../src/sources/netlink/address.js';
import { parseIpAddrJson } from '../../../src/sources/netlink/ip-addr.js';

// `ip -j addr` recorded in the keepalived lab namespaces (fixtures/keepalived/record.sh), iproute2 on Debian 12.
const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/ip/${name}`, import.meta.url), 'utf8');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('parseIpAddrJson', () => {
  it('reads interfaces and addresses, keepalived VIPs included', () => {
    const ifs = parseIpAddrJson(fixture('addr-lb-1.json'));
    expect(ifs.map((i) => [i.name, i.up, i.operState])).toEqual([
      ['lo', true, 'UNKNOWN'],
      ['eth0', true, 'UP'],
    ]);
    const eth0 = ifs[1]!;
    expect(eth0.addresses.slice(0, 3)).toEqual([
      { family: 'inet', address: '10.99.0.2', prefixLength: 24, label: 'eth0', secondary: false, unusable: false },
      { family: 'inet', address: '10.99.0.17', prefixLength: 24, label: 'eth0:ing', secondary: true, unusable: false },
      { family: 'inet', address: '10.99.0.18', prefixLength: 24, label: 'eth0', secondary: true, unusable: false },
    ]);
    expect(eth0.addresses[3]).toMatchObject({ family: 'inet6', prefixLength: 64, label: null });
  });

  it('reads pretty-printed output, skips {} entries, marks DAD-failed addresses and down links', () => {
    const doc = JSON.parse(fixture('addr-lb-0.json')) as { flags: string[]; addr_info: object[] }[];
    doc[1]!.flags = ['BROADCAST', 'MULTICAST', 'UP'];
    doc[1]!.addr_info.push({}, { family: 'inet6', local: 'fd00::1', prefixlen: 64, dadfailed: true, tentative: true });
    const eth0 = parseIpAddrJson(JSON.stringify(doc, null, 4))[1]!;
    expect(eth0.up).toBe(false);
    expect(eth0.addresses.at(-1)).toMatchObject({ address: 'fd00::1', unusable: true });
    expect(eth0.addresses.map((a) => a.address)).toContain('10.99.0.200');
  });

  it('reports malformed output with a line', () => {
    const pretty = JSON.stringify(JSON.parse(fixture('addr-lb-0.json')), null, 2);
    const cut = pretty.slice(0, pretty.length / 2);
    const err = parseError(() => parseIpAddrJson(cut));
    expect(err.message).toMatch(/truncated/);
    expect(err.line).toBe(cut.trimEnd().split('\n').length);
    const badPrefix = pretty.replace('"prefixlen": 24', '"prefixlen": 99');
    // The error points at the interface holding the bad address (the second "ifindex" in the text).
    const ifindexLines = badPrefix.split('\n').flatMap((l, i) => (l.includes('"ifindex"') ? [i + 1] : []));
    expect(parseError(() => parseIpAddrJson(badPrefix)).line).toBe(ifindexLines[1]);
    expect(parseError(() => parseIpAddrJson(pretty.replace('"local": "10.99.0.1"', '"local": "10.99.0.x"'))).message).toMatch(/not an IP/);
    expect(parseError(() => parseIpAddrJson('{"ifname":"eth0"}')).line).toBe(1);
    expect(parseError(() => parseIpAddrJson('[{"ifname":"eth0","ifindex":"two"}]')).message).toMatch(/ifindex/);
    expect(parseError(() => parseIpAddrJson('')).line).toBe(1);
  });

  it('throws nothing but ParseError for any truncation', () => {
    const text = fixture('addr-lb-1-after-kill9.json');
    for (let n = 0; n < text.length; n += 3) {
      try {
        parseIpAddrJson(text.slice(0, n));
      } catch (err) {
        expect(err).toBeInstanceOf(ParseError);
      }
    }
  });
});

describe('address helpers', () => {
  it('compares IPv6 spellings by value and rejects non-addresses', () => {
    expect(addressKey('FE80:0::1')).toBe(addressKey('fe80:0:0:0:0:0:0:1'));
    expect(addressKey('::ffff:10.0.0.1')).toBe(addressKey('0:0:0:0:0:ffff:a00:1'));
    expect(addressKey('10.0.0.256')).toBeNull();
    expect(addressKey('1::2::3')).toBeNull();
    expect(splitCidr('10.0.0.1/33')).toBeNull();
    expect(splitCidr('2001:db8::1/64')).toEqual({ address: '2001:db8::1', prefixLength: 64 });
  });
});
