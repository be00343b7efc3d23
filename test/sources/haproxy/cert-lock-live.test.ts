// Found by CI: two lbtop processes reading certificates at once from one HAProxy. While one CLI session holds the
// certificate lock, HAProxy answers every other `show ssl cert` with "Can't show! Operations on certificates are
// currently locked!", and lbtop reported that moment as a broken certificate. Real HAProxy, 20 certificates,
// four readers at once, three rounds: every certificate is read, none is an error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { sh } from '../../../src/lab/netns/sh.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { readCerts } from '../../../src/sources/haproxy/ssl-cert.js';
import { unixSocket } from '../../../src/transport/local.js';

describe('show ssl cert while another session holds the certificate lock', () => {
  let dir: string;
  let lb: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-certlock-'));
    const certs = path.join(dir, 'certs');
    mkdirSync(certs);
    const names = Array.from({ length: 100 }, (_, i) => `DNS:h${i}.example.net`).join(',');
    sh(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${dir}/k.pem`, '-out', `${dir}/c.pem`,
      '-days', '30', '-subj', '/CN=example.net', '-addext', `subjectAltName=${names}`]);
    const pem = readFileSync(`${dir}/c.pem`, 'utf8') + readFileSync(`${dir}/k.pem`, 'utf8');
    for (let i = 0; i < 20; i++) writeFileSync(path.join(certs, `c${String(i).padStart(2, '0')}.pem`), pem);
    lb = await startHaproxy({ name: 'h1', dir, config: `${LAB_HEAD}frontend https\n  bind unix@@DIR@/https.sock ssl crt ${certs}/\n  default_backend be\nbackend be\n  server s1 127.0.0.1:1\n` });
  });
  afterAll(async () => {
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is asked again, so four concurrent readers each get all 20 certificates', async () => {
    for (let round = 0; round < 3; round++) {
      const reads = await Promise.all([1, 2, 3, 4].map(() => readCerts(new HaproxyClient(unixSocket(lb.socket)), 'h1', Date.now())));
      for (const certs of reads) {
        expect(certs).toHaveLength(20);
        expect(certs.filter((c) => c.status.startsWith('error')).map((c) => `${c.file}: ${c.status}`)).toEqual([]);
      }
    }
  });
});
