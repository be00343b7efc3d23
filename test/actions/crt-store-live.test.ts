// Certificates from a `crt-store` section (HAProxy 3.0+), in both test runs. On 3.0 lbtop reads them under the
// names HAProxy gives them (`@STORE/ALIAS`), and checks the config with the LB's own binary: the 2.6 binary on
// PATH refuses this config, so checking with it would wrongly block every write (lbtop refuses to use it). On
// 2.6 the same config is refused by the binary itself: crt-store does not exist there.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { checkConfig } from '../../src/actions/lb-reload.js';
import type { AfterWrite } from '../../src/actions/maps/types.js';
import type { MapsDeps } from '../../src/actions/maps/deps.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { testHaproxyBin, testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { sh } from '../../src/lab/netns/sh.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { readCerts } from '../../src/sources/haproxy/ssl-cert.js';
import { localRunner } from '../../src/transport/exec.js';
import { unixSocket } from '../../src/transport/local.js';

const CONFIG = (certs: string) => `global
    stats socket @SOCKET@ mode 600 level admin
crt-store clusters
    crt-base ${certs}
    load crt k8s01.pem alias k8s01
    load crt k8s02.pem
defaults
    mode http
    timeout connect 1s
    timeout client 1s
    timeout server 1s
frontend https
    bind unix@@DIR@/https.sock ssl crt @clusters/k8s01 crt @clusters/k8s02.pem
    default_backend be
backend be
    http-request return status 200
`;

describe(`certificates from a crt-store on HAProxy ${testHaproxyVersion()}`, () => {
  let root: string;
  let certs: string;
  let haproxy: HaproxyProcess | null = null;
  let client: HaproxyClient | null = null;
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-crt-store-'));
    certs = path.join(root, 'certs');
    mkdirSync(certs);
    for (const [name, cn, days] of [['k8s01', '*.k8s01.example.net', 3], ['k8s02', '*.k8s02.example.net', 365]] as const) {
      sh(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(root, 'k.pem'), '-out', path.join(root, 'c.pem'), '-days', String(days),
        '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn}`]);
      writeFileSync(path.join(certs, `${name}.pem`), readFileSync(path.join(root, 'c.pem'), 'utf8') + readFileSync(path.join(root, 'k.pem'), 'utf8'));
    }
    if (testHaproxyVersion() === '3.0') {
      haproxy = await startHaproxy({ name: 'lb', dir: root, config: CONFIG(certs) });
      client = new HaproxyClient(unixSocket(haproxy.socket));
    }
  });
  afterAll(async () => {
    client?.close();
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  if (testHaproxyVersion() === '3.0') {
    it('reads them as @STORE/NAME, with their store, SANs and days left', async () => {
      const read = await readCerts(client!, 'lb', Date.now());
      expect(read.map((c) => [c.file, c.store, c.used, c.sans, c.daysLeft])).toEqual([
        ['@clusters/k8s01', 'clusters', true, ['*.k8s01.example.net'], 2],
        ['@clusters/k8s02.pem', 'clusters', true, ['*.k8s02.example.net'], 364],
      ]);
    });

    it('checks the config with the running 3.0 binary, and will not check it with the 2.6 one on PATH', async () => {
      const deps: MapsDeps = {
        lbs: ['lb'], clients: new Map([['lb', client!]]), audit: openAuditLog(null), files: () => null,
        runner: () => localRunner(), master: () => null, after: () => after,
      };
      const after: AfterWrite = { mode: 'check', configPath: haproxy!.configPath, bin: null, via: 'master', service: 'haproxy' };
      const own = await checkConfig(deps, 'lb', after);
      expect(own.ok, own.detail).toBe(true);
      expect(own.detail).toContain(`(${realpathSync(testHaproxyBin())}, HAProxy 3.0.`);
      // Debian 12's haproxy on PATH: it would say "unknown keyword 'crt-store'" about a config 3.0 runs.
      const onPath = spawnSync('haproxy', ['-c', '-f', haproxy!.configPath], { encoding: 'utf8', env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin` } });
      expect(onPath.status).toBe(1);
      const wrong = await checkConfig(deps, 'lb', { ...after, bin: 'haproxy' });
      expect(wrong.ok).toBe(false);
      expect(wrong.detail).toMatch(/^haproxy -c not run: haproxy is HAProxy 2\.6\.\S+ but the LB runs 3\.0\./);
    });
  } else {
    it('2.6 has no crt-store: its own haproxy -c refuses the section', () => {
      const config = CONFIG(certs).replaceAll('@SOCKET@', path.join(root, 'admin.sock')).replaceAll('@DIR@', root);
      writeFileSync(path.join(root, 'haproxy.cfg'), config);
      const check = spawnSync(testHaproxyBin(), ['-c', '-f', path.join(root, 'haproxy.cfg')], { encoding: 'utf8' });
      expect(check.status).toBe(1);
      expect(check.stderr + check.stdout).toContain("unknown keyword 'crt-store'");
    });
  }
});
