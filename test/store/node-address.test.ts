// The machine behind a server's `addr`, as HAProxy 2.6 prints it in `show stat` (stats.c ST_F_ADDR: "ip:port",
// "[ip6]:port", "unix", empty while unresolved; 0.0.0.0 for a placeholder), and NODE arguments that are addresses.
import { describe, expect, it } from 'vitest';
import { normalizeIp, serverAddress, whyNoAddress } from '../../src/store/node-address.js';

describe('server addresses', () => {
  it('reads an IPv4 or IPv6 machine from addr, whatever the port', () => {
    expect(serverAddress('127.0.64.94:443')).toEqual({ kind: 'ip', ip: '127.0.64.94' });
    expect(serverAddress('127.0.64.94:9100')).toEqual({ kind: 'ip', ip: '127.0.64.94' });
    expect(serverAddress('[FE80::1]:80')).toEqual({ kind: 'ip', ip: 'fe80::1' });
  });

  it('gives no machine for a unix socket, an empty addr, a 0.0.0.0 / :: placeholder or an error text', () => {
    expect(serverAddress('unix')).toEqual({ kind: 'unix' });
    for (const addr of ['', '0.0.0.0:80', '[::]:80', 'Address family not supported']) expect(serverAddress(addr)).toEqual({ kind: 'none' });
    expect(whyNoAddress('', 'worker1.lab.invalid')).toBe('DNS name worker1.lab.invalid, not resolved');
    expect(whyNoAddress('unix', '')).toBe('a unix socket');
  });

  it('takes an address argument only when it is one (a name or an address with a port is not)', () => {
    expect(normalizeIp('10.0.0.94')).toBe('10.0.0.94');
    expect(normalizeIp('[::1]')).toBe('::1');
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('::ffff:10.0.0.1');
    for (const text of ['worker1', '10.0.0.94:80', '999.0.0.1', 'a::b::c', 'cafe', 'dead:beef']) expect(normalizeIp(text)).toBeNull();
  });
});
