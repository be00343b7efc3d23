// The LBs behind test/e2e/pipe-output.test.ts: real HAProxy pairs whose every subcommand output is well past a
// pipe's 64 KiB, each pair as small as that allows (each lbtop run's CPU grows with the servers it reads).
//   - big:   two LBs of 10,000 servers (the issue's case: `status --json` is 6.5 MB);
//   - small: two LBs of 4,000 servers in 400 backends (201 traced HTTP frontends), whose haproxy.cfg on disk gives
//            every server weight 2 (drift: 8,000 items), and a TLS frontend with 20 certificate files of 100 names
//            each (`certs --json`: 40 entries);
//   - gone:  an LB whose socket does not exist, before the small pair (its error is the first thing written).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateConfig } from '../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { testHaproxyBin } from '../../src/lab/haproxy-versions.js';
import { sh } from '../../src/lab/netns/sh.js';

export interface PipeLab {
  dir: string;
  /** lbtop.yaml files. */
  big: string;
  small: string;
  gone: string;
  stop(): Promise<void>;
}

export const HAPROXY_BIN = testHaproxyBin();

function certificates(dir: string): string {
  const certs = path.join(dir, 'certs');
  mkdirSync(certs);
  const names = Array.from({ length: 100 }, (_, i) => `DNS:host-${String(i).padStart(3, '0')}.k8s01.example.net`).join(',');
  const [key, cert] = [path.join(dir, 'k.pem'), path.join(dir, 'c.pem')];
  sh(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
    '-days', '365', '-subj', '/CN=k8s01.example.net', '-addext', `subjectAltName=${names}`]);
  const pem = readFileSync(cert, 'utf8') + readFileSync(key, 'utf8');
  for (let i = 0; i < 20; i++) writeFileSync(path.join(certs, `k8s01-${String(i).padStart(2, '0')}.pem`), pem);
  return certs;
}

// A generous timeout: the machine may be busy, and a poll that times out changes the output under test.
const entry = (lb: HaproxyProcess, host: boolean) => `  ${lb.name}:
    haproxy: { socket: ${lb.socket}, timeout: 60000${host ? `, config: ${lb.configPath}, master: ${lb.masterSocket}, bin: ${HAPROXY_BIN}, after_write: reload` : ''} }
`;

export async function startPipeLab(): Promise<PipeLab> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-pipes-'));
  const started: HaproxyProcess[] = [];
  const start = async (name: string, config: string) => {
    const lb = await startHaproxy({ name, dir, config, haproxyBin: HAPROXY_BIN, startTimeoutMs: 30_000 });
    started.push(lb);
    return lb;
  };
  try {
    const tls = `frontend https\n  mode http\n  bind unix@@DIR@/https.sock ssl crt ${certificates(dir)}/\n  default_backend be_0001\n`;
    const bigConfig = generateConfig({ servers: 10_000, backends: 400, checks: false });
    const smallConfig = `${generateConfig({ servers: 4_000, backends: 400, checks: false })}\n${tls}`;
    // Settled, not all: a failed start must not remove the directory under the others while they still start.
    const results = await Promise.allSettled([start('b1', bigConfig), start('b2', bigConfig), start('s1', smallConfig), start('s2', smallConfig)]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [b1, b2, s1, s2] = results.map((r) => (r as PromiseFulfilledResult<HaproxyProcess>).value);
    for (const lb of [s1!, s2!]) writeFileSync(lb.configPath, readFileSync(lb.configPath, 'utf8').replace('default-server inter', 'default-server weight 2 inter'));
    const files = { big: path.join(dir, 'big.yaml'), small: path.join(dir, 'small.yaml'), gone: path.join(dir, 'gone.yaml') };
    writeFileSync(files.big, `lbs:\n${entry(b1!, false)}${entry(b2!, false)}`);
    writeFileSync(files.small, `lbs:\n${entry(s1!, true)}${entry(s2!, true)}`);
    writeFileSync(files.gone, `lbs:\n  gone:\n    haproxy: { socket: ${dir}/gone.sock }\n${entry(s1!, false)}${entry(s2!, false)}`);
    return {
      dir,
      ...files,
      async stop() {
        await Promise.all(started.map((lb) => lb.stop()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(started.map((lb) => lb.stop()));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
