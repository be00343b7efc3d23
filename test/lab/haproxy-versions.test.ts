// The binary each test run uses (src/lab/haproxy-versions.ts), in both runs: `npm test` runs everything on 2.6,
// then the HAProxy test files again with LBTOP_TEST_HAPROXY=3.0. A run for a version whose binary is missing
// fails here and in every test that starts HAProxy; it never falls back to the other version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHaproxy } from '../../src/lab/haproxy-process.js';
import { HAPROXY30_TEST_FILES, testHaproxyBin, testHaproxyVersion } from '../../src/lab/haproxy-versions.js';

describe(`the HAProxy of this run (${testHaproxyVersion()})`, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-versions-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is the version the run is for', () => {
    const v = execFileSync(testHaproxyBin(), ['-v'], { encoding: 'utf8' });
    expect(v).toMatch(new RegExp(`^HAProxy version ${testHaproxyVersion().replace('.', '\\.')}\\.\\d+`));
  });

  it('startHaproxy runs it by default, in master-worker mode, and the master re-executes it on reload', async () => {
    const lb = await startHaproxy({ name: 'lb', dir: root, config: 'global\n    stats socket @SOCKET@ mode 600 level admin\n' });
    try {
      const ask = (socket: string, command: string) => execFileSync('socat', ['-', `UNIX-CONNECT:${socket}`], { input: `${command}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      const info = ask(lb.socket, 'show info');
      const version = /^Version: (\S+)$/m.exec(info)![1]!;
      expect(version).toMatch(new RegExp(`^${testHaproxyVersion().replace('.', '\\.')}\\.`));
      const before = /^Pid: (\d+)$/m.exec(info)![1];
      await lb.reload();
      // The master re-executed itself (the patchelf'd binary for 3.0, which finds its own libraries again) and
      // forked a new worker of the same version.
      let proc = '';
      for (let i = 0; i < 100 && !new RegExp(`^(?!${before}\\s)\\d+\\s+worker\\s+0\\s`, 'm').test(proc); i++) {
        await new Promise((r) => setTimeout(r, 50));
        // The 2.6 master's socket refuses connections while it re-executes.
        try {
          proc = ask(lb.masterSocket, 'show proc');
        } catch {
          proc = '';
        }
      }
      expect(proc).toMatch(new RegExp(`^\\d+\\s+master\\s+1 \\[failed: 0\\]\\s+\\S+\\s+${version.replaceAll('.', '\\.').replaceAll('+', '\\+')}`, 'm'));
      expect(proc).toMatch(new RegExp(`^(?!${before}\\s)\\d+\\s+worker\\s+0\\s+\\S+\\s+${version.replaceAll('.', '\\.').replaceAll('+', '\\+')}`, 'm'));
    } finally {
      await lb.stop();
    }
  });

  it('the 3.0 run fails loudly when the 3.0 binary is missing, and refuses versions it does not know', () => {
    const env = { LBTOP_TEST_HAPROXY: '3.0', HAPROXY30_ROOT: path.join(root, 'nothing-here') };
    expect(() => testHaproxyBin(env)).toThrow(/HAProxy 3\.0 is not at .*nothing-here\/usr\/sbin\/haproxy: run scripts\/ci\/haproxy30\.sh/);
    expect(() => testHaproxyVersion({ LBTOP_TEST_HAPROXY: '2.8' })).toThrow(/LBTOP_TEST_HAPROXY=2\.8/);
    expect(testHaproxyVersion({})).toBe('2.6');
  });

  it('the 3.0 run names files that exist (a renamed test file would silently drop out of it)', () => {
    const expand = (p: string): string[] => {
      const m = /\{([^}]*)\}/.exec(p);
      return m ? m[1]!.split(',').flatMap((alt) => expand(p.replace(m[0], alt))) : [p];
    };
    const named = HAPROXY30_TEST_FILES.flatMap(expand).filter((p) => !p.includes('*'));
    expect(named.length).toBeGreaterThan(10);
    for (const file of named) expect(existsSync(file), file).toBe(true);
  });
});
