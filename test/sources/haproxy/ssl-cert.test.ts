// `show ssl cert` parsers against replies recorded from HAProxy 2.6.12 (fixtures/haproxy-certs) and 3.0.11's
// crt-store names (fixtures/haproxy-certs/3.0).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCertTime, parseSslCert, parseSslCertList } from '../../../src/sources/haproxy/ssl-cert.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy-certs/${name}.txt`, import.meta.url), 'utf8');
const NOW = Date.parse('2026-11-23T16:30:00Z');

describe('show ssl cert', () => {
  it('lists the files', () => {
    expect(parseSslCertList(fixture('show-ssl-cert'))).toEqual(['/tmp/lbtop-certs/certs/k8s01-dev.pem', '/tmp/lbtop-certs/certs/k8s01.pem', '/tmp/lbtop-certs/spare.pem']);
  });

  it('reads a wildcard cert: SANs, notAfter, days left, used', () => {
    expect(parseSslCert(fixture('show-ssl-cert-k8s01'), 'lb1', NOW)).toEqual({
      lb: 'lb1',
      file: '/tmp/lbtop-certs/certs/k8s01.pem',
      store: null,
      status: 'Used',
      used: true,
      subject: '/CN=*.k8s01.example.net/O=homelab',
      issuer: '/CN=*.k8s01.example.net/O=homelab',
      sans: ['*.k8s01.example.net', 'k8s01.example.net'],
      serial: '4DD67B6AB0A51C5A92D3E166019762A13AD42430',
      algorithm: 'RSA2048',
      notBefore: '2026-11-23T16:25:42.000Z',
      notAfter: '2026-11-28T16:25:42.000Z',
      daysLeft: 4,
    });
    expect(parseSslCert(fixture('show-ssl-cert-k8s01-dev'), 'lb1', NOW).daysLeft).toBe(399);
  });

  it('an empty runtime cert is unused with no dates; an unknown file is an error, not an empty cert', () => {
    const spare = parseSslCert(fixture('show-ssl-cert-spare'), 'lb1', NOW);
    expect([spare.status, spare.used, spare.notAfter, spare.daysLeft]).toEqual(['Empty', false, null, null]);
    expect(() => parseSslCert(fixture('show-ssl-cert-unknown'), 'lb1', NOW)).toThrow(/Not found/);
    expect(() => parseCertTime('Feb 30 garbage')).toThrow(/certificate time/);
  });

  it('3.0: certificates of a crt-store are named @STORE/ALIAS or @STORE/FILE, read like files', () => {
    expect(parseSslCertList(fixture('3.0/show-ssl-cert'))).toEqual(['/tmp/lbtop-certs/certs/k8s01-dev.pem', '@clusters/k8s01', '@clusters/k8s02.pem']);
    const alias = parseSslCert(fixture('3.0/show-ssl-cert-alias'), 'lb1', Date.parse('2026-12-07T03:45:00Z'));
    expect([alias.file, alias.store, alias.used, alias.sans, alias.daysLeft]).toEqual(['@clusters/k8s01', 'clusters', true, ['*.k8s01.example.net', 'k8s01.example.net'], 4]);
    expect(parseSslCert(fixture('3.0/show-ssl-cert-store-file'), 'lb1', NOW).store).toBe('clusters');
    expect(parseSslCert(fixture('3.0/show-ssl-cert-k8s01-dev'), 'lb1', NOW).store).toBeNull();
  });
});
