// The seeds' files (fixtures/seeds/NNN/) for tests: read one as text, or place a seed in a scratch directory with
// the post's absolute paths pointed there (/etc/haproxy/certs/ gets a self-signed certificate, /etc/haproxy/maps/
// the seed's maps), so the real `haproxy -c` judges the config itself, not a missing file. Nothing else changes.
import { testHaproxyBin } from '../../src/lab/haproxy-versions.js';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sh } from '../../src/lab/netns/sh.js';

const root = new URL('../../fixtures/seeds/', import.meta.url);

export const seedText = (file: string): string => readFileSync(new URL(file, root), 'utf8');

/** The binary of this test run: 2.6, or 3.0 in `npm test`'s second run (src/lab/haproxy-versions.ts). */
export const HAPROXY = testHaproxyBin();

/** Writes seed `seed`'s haproxy.cfg into `dir` with the post's paths rewritten; returns the config's path. */
export function placeSeedConfig(seed: string, dir: string, file = 'haproxy.cfg'): string {
  const certs = path.join(dir, 'certs');
  const maps = path.join(dir, 'maps');
  mkdirSync(maps, { recursive: true });
  mkdirSync(certs, { recursive: true });
  const seedMaps = new URL(`${seed}/maps/`, root);
  if (existsSync(seedMaps)) for (const f of readdirSync(seedMaps)) copyFileSync(new URL(f, seedMaps), path.join(maps, f));
  const text = seedText(`${seed}/${file}`);
  if (text.includes('/etc/haproxy/certs/')) {
    const pem = path.join(certs, 'k8s01.example.net.pem');
    sh(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${pem}.key`,
      '-out', `${pem}.crt`, '-days', '2', '-subj', '/CN=k8s01.example.net']);
    writeFileSync(pem, readFileSync(`${pem}.crt`, 'utf8') + readFileSync(`${pem}.key`, 'utf8'));
    rmSync(`${pem}.crt`);
    rmSync(`${pem}.key`);
  }
  const out = path.join(dir, file);
  // @SOCKET@ / @DIR@: the lab head of seed 004 (not from a post), as src/lab/haproxy-process.ts fills them.
  const placed = text.replaceAll('/etc/haproxy/certs/', `${certs}/`).replaceAll('/etc/haproxy/maps/', `${maps}/`);
  writeFileSync(out, placed.replaceAll('@SOCKET@', path.join(dir, 'admin.sock')).replaceAll('@DIR@', dir));
  return out;
}

/** `haproxy -c` with the real binary: exit code and the whole output. */
export function haproxyCheck(...files: string[]): { code: number; output: string } {
  const r = sh([HAPROXY, '-c', ...files.flatMap((f) => ['-f', f])], { allowFail: true });
  return { code: r.code, output: `${r.stdout}${r.stderr}` };
}
