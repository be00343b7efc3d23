// What the demo lab is made of, piece by piece: the homelab config as real HAProxy judges it (with seed 000's
// maps and the generated certificates in place), the certificates' expiry, the first-run hint, and the replay's
// text formats.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CERTS, makeDemoCerts } from '../../../src/lab/demo-certs.js';
import { homelabConfig } from '../../../src/lab/demo-configs.js';
import { prepareHomelabFiles } from '../../../src/lab/demo-homelab.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { demoHint } from '../../../src/cli/demo-hint.js';
import { parseCertTime } from '../../../src/sources/haproxy/ssl-cert.js';
import { formatReplies, parseReplies, shiftCertDates } from '../../../src/transport/replay-files.js';
import { seedText } from '../../seeds/seed-files.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'lbtop-demo-content-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const sockets = { node: (n: string) => `${scratch}/node-${n}.sock`, deadNode: (n: string) => `${scratch}/dead-${n}.sock` };

describe('the homelab LB of the demo', () => {
  it('carries seed 000\'s map frontends and TLS bind, and real HAProxy accepts it with the files in place', async () => {
    const dir = path.join(scratch, 'homelab');
    await prepareHomelabFiles(dir);
    const text = homelabConfig(sockets).replaceAll('@SOCKET@', `${dir}/admin.sock`).replaceAll('@DIR@', dir);
    // The post's lines, with only /etc/haproxy/maps/ moved into the lab.
    const seed = seedText('000/haproxy.cfg');
    for (const line of ['use_backend %[req.hdr(host),lower,map_dom(/etc/haproxy/maps/hosts.map,be_default)]', 'use_backend %[path,map_beg(/etc/haproxy/maps/routes.map,be_default)]']) {
      expect(seed).toContain(line);
      expect(text).toContain(line.replace('/etc/haproxy/maps/', `${dir}/maps/`));
    }
    expect(text).toContain(`ssl crt ${dir}/certs/ alpn h2,http/1.1`);
    expect(readFileSync(`${dir}/maps/hosts.map`, 'utf8')).toBe(seedText('000/maps/hosts.map'));
    writeFileSync(`${dir}/haproxy.cfg`, text);
    const check = execFileSync('haproxy', ['-c', '-f', `${dir}/haproxy.cfg`], { encoding: 'utf8' });
    expect(check).toContain('Configuration file is valid');
  });

  it('makes one certificate per cluster domain, one of them expiring within days, keys readable by the owner only', async () => {
    const pems = await makeDemoCerts(path.join(scratch, 'certs'), path.join(scratch, 'pki'));
    const days = pems.map((pem) => {
      const end = execFileSync('openssl', ['x509', '-noout', '-enddate', '-in', pem], { encoding: 'utf8' }).trim().replace('notAfter=', '');
      return [path.basename(pem), Math.floor((Date.parse(parseCertTime(end)) - Date.now()) / 86_400_000)];
    });
    expect(days).toEqual(DEMO_CERTS.map((c) => [`${c.domain}.pem`, c.days - 1]));
    expect(days.filter(([, d]) => (d as number) <= 21)).toEqual([['k8s02-dev.example.net.pem', 3]]);
    for (const pem of pems) {
      expect(statSync(pem).mode & 0o077).toBe(0);
      expect(execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', pem], { encoding: 'utf8' })).toMatch(/DNS:\*\.k8s0/);
      expect(execFileSync('openssl', ['x509', '-noout', '-ext', 'basicConstraints', '-in', pem], { encoding: 'utf8' })).toContain('CA:FALSE');
    }
  });
});

describe('the first-run hint', () => {
  const config = (failover: boolean, readOnly = false) => ({
    readOnly,
    lbs: [{ name: 'lb-0', haproxy: { timeoutMs: 5000 }, ...(failover ? { failover: { keepalived: {}, sudo: false } } : {}) }],
  }) as unknown as LbtopConfig;

  it('names a map edit, a node drain and a VIP move where the demo has VIPs, in 80 columns', () => {
    const hint = demoHint(config(true), { live: true, maps: true });
    expect(hint).toBe('try: 7 Enter c edit a map · N drain a node · V f move a VIP · ? help');
    expect(hint.length).toBeLessThanOrEqual(80);
  });

  it('names no VIP move without VIPs, and no write in the replay', () => {
    expect(demoHint(config(false), { live: true, maps: true })).toBe('try: 7 Enter c edit a map · N drain a node · 9 expiring cert · ? help');
    expect(demoHint(config(true), { live: false, maps: true })).toBe('read-only, try: 7 Enter a map · 8 drift vs disk · 9 expiring cert · ? help');
    expect(demoHint(config(true, true), { live: true, maps: true })).toMatch(/^read-only/);
    expect(demoHint(config(false), { live: true, maps: false })).toBe('try: N drain a node · ? help'); // the SSH fleet lab
  });
});

describe('the replay\'s files', () => {
  it('keeps each recorded reply byte for byte, blank lines included', () => {
    const replies = new Map([['show map', '# id (file) description\n6 (x) y\n\n'], ['show acl', '\n'], ['show ssl cert', '# filename\n/a.pem\n\n']]);
    expect(parseReplies(formatReplies(replies))).toEqual(replies);
  });

  it('moves certificate dates as HAProxy prints them, and nothing else', () => {
    const reply = 'Filename: /a.pem\nnotBefore: Dec  7 11:23:55 2026 GMT\nnotAfter: Dec 31 23:00:00 2026 GMT\nSerial: 1002\n';
    expect(shiftCertDates(reply, 2 * 86_400_000)).toBe('Filename: /a.pem\nnotBefore: Dec  9 11:23:55 2026 GMT\nnotAfter: Jan  2 23:00:00 2027 GMT\nSerial: 1002\n');
    expect(shiftCertDates(reply, Number.NaN)).toBe(reply);
  });
});
