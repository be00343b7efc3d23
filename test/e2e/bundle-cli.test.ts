// The bin runs the esbuild bundle (dist/lbtop.mjs), not the tsc output the other tests import: check the parts
// that only the bundle has — files found from the package root, the precompiled schema validator, ssh2 loaded
// on demand — through subcommands against a real HAProxy.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/lbtop');

function lbtop(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, XDG_CONFIG_HOME: '/nonexistent' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the bundled bin', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/lbtop.mjs'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT });
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bundle-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 6, backends: 2, checks: false }) });
  }, 120_000);
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints its version from package.json', async () => {
    const { code, stdout } = await lbtop('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reads a real HAProxy with `status --json`', async () => {
    const { code, stdout } = await lbtop('status', '--json', '-s', `lb1=${haproxy.socket}`);
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as { lbs: { name: string; ok: boolean; version: string }[]; clusters: { backends: { name: string }[] }[] };
    expect(status.lbs).toEqual([expect.objectContaining({ name: 'lb1', ok: true, version: expect.stringMatching(/^2\./) })]);
    expect(status.clusters.flatMap((c) => c.backends.map((b) => b.name))).toEqual(['be_0001', 'be_0002']);
  });

  it('refuses a bad config file with line numbers, before drawing anything', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, ['lbs:', '  lb1:', '    haproxy: { socket: /a, tcp: "127.0.0.1:1" }', 'interval: 0.1', ''].join('\n'));
    const { code, stdout, stderr } = await lbtop('-c', file, 'status');
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.yaml:[34]/);
  });
});
