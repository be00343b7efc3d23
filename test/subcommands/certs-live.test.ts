// Certificates read from a real HAProxy terminating TLS with a wildcard cert per cluster domain (seed 000): one
// expiring in 3 days, one in a year; `lbtop certs` output and exit status through the same command code.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { NO_AFTER_WRITE } from '../../src/actions/maps/deps.js';
import { runCertsCommand } from '../../src/subcommands/certs-command.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { sh } from '../../src/lab/netns/sh.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { readCerts } from '../../src/sources/haproxy/ssl-cert.js';
import { unixSocket } from '../../src/transport/local.js';

describe('certificates on a real HAProxy', () => {
  let root: string;
  let haproxy: HaproxyProcess;
  let client: HaproxyClient;
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-certs-'));
    const certs = path.join(root, 'certs');
    mkdirSync(certs);
    for (const [name, cn, days] of [['k8s01', '*.k8s01.example.net', 3], ['k8s02-dev', '*.k8s02-dev.example.net', 365]] as const) {
      sh(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(root, 'k.pem'), '-out', path.join(root, 'c.pem'), '-days', String(days),
        '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn},DNS:${cn.slice(2)}`]);
      writeFileSync(path.join(certs, `${name}.pem`), readFileSync(path.join(root, 'c.pem'), 'utf8') + readFileSync(path.join(root, 'k.pem'), 'utf8'));
    }
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: `global\n    stats socket @SOCKET@ mode 600 level admin\ndefaults\n    mode http\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\nfrontend https\n    bind unix@@DIR@/https.sock ssl crt ${certs}/\n    default_backend be\nbackend be\n    http-request return status 200\n` });
    client = new HaproxyClient(unixSocket(haproxy.socket));
  });
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('reads every cert with SANs and days left; lbtop certs marks the one expiring soon and exits 1', async () => {
    const certs = await readCerts(client, 'lb', Date.now());
    expect(certs.map((c) => [path.basename(c.file), c.used, c.daysLeft, c.sans])).toEqual([
      ['k8s01.pem', true, 2, ['*.k8s01.example.net', 'k8s01.example.net']],
      ['k8s02-dev.pem', true, 364, ['*.k8s02-dev.example.net', 'k8s02-dev.example.net']],
    ]);
    let out = '';
    const deps = { lbs: ['lb'], clients: new Map([['lb', client]]), audit: openAuditLog(null), files: () => null, runner: () => null, master: () => null, after: () => NO_AFTER_WRITE };
    const io = { out: (t: string) => void (out += t), err: () => undefined, confirm: async () => false, stdin: async () => '' };
    const code = await runCertsCommand(deps, { kind: 'certs', lbs: [], json: false, warnDays: 21 }, io);
    expect(code).toBe(1);
    const lines = out.replace(/\n$/, '').split('\n');
    expect(lines[0]).toMatch(/^\s+LB\s+DAYS\s+NOT AFTER\s+STATUS\s+FILE\s+NAMES$/);
    expect(lines[1]).toMatch(/^SOON\s+lb\s+2\s+\d{4}-\d\d-\d\d\s+used\s+\S+k8s01\.pem\s+\*\.k8s01\.example\.net,k8s01\.example\.net$/);
    expect(lines[2]).toMatch(/^\s+lb\s+364\s/);
  });
});
