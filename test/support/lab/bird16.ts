// BIRD 1.6 for the tests, beside Debian's bird2: the two packages conflict, so 1.6 is never installed. Its .deb
// is fetched with `apt-get download bird` and unpacked with `dpkg-deb -x` into a cache directory (.ci/run does it
// ahead of the tests; the first test run on a fresh machine does it here), and run from there.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sh } from '../../../src/lab/netns/sh.js';

export const BIRD16_CACHE = '/var/cache/lbtop-test/bird16';

export interface Bird16 {
  root: string;
  bird: string;
  birdc: string;
}

export function bird16(root = process.env['BIRD16_ROOT'] ?? BIRD16_CACHE): Bird16 {
  const found = { root, bird: path.join(root, 'usr/sbin/bird'), birdc: path.join(root, 'usr/sbin/birdc') };
  if (existsSync(found.bird) && existsSync(found.birdc)) return found;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bird16-'));
  try {
    // APT::Sandbox::User=root: apt's _apt user could not write into a root-only temp dir.
    sh(['sh', '-c', 'cd "$1" && apt-get download -q -o APT::Sandbox::User=root bird', 'sh', tmp]);
    const deb = readdirSync(tmp).find((f) => /^bird_1\.6.*\.deb$/.test(f));
    if (!deb) throw new Error('apt-get download bird gave no bird_1.6*.deb');
    mkdirSync(root, { recursive: true });
    sh(['dpkg-deb', '-x', path.join(tmp, deb), root]);
  } catch (error) {
    throw new Error(`BIRD 1.6 is needed for the BIRD 1.6 test and could not be fetched (${(error as Error).message}); run .ci/run, or: apt-get download bird && dpkg-deb -x bird_*.deb ${root}`, { cause: error });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return found;
}
