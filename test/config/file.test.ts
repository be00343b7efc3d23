import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigPaths, readConfigFile, readDefaultConfig } from '../../src/config/file.js';
import { formatIssues } from '../../src/config/format.js';

describe('config files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('looks in $XDG_CONFIG_HOME, then ~/.config; a relative XDG_CONFIG_HOME is ignored', () => {
    expect(defaultConfigPaths({ XDG_CONFIG_HOME: '/x' }, '/home/op')).toEqual([
      '/x/lbtop/config.yaml',
      '/home/op/.config/lbtop/config.yaml',
    ]);
    expect(defaultConfigPaths({}, '/home/op')).toEqual(['/home/op/.config/lbtop/config.yaml']);
    expect(defaultConfigPaths({ XDG_CONFIG_HOME: 'rel' }, '/home/op')).toEqual(['/home/op/.config/lbtop/config.yaml']);
    expect(defaultConfigPaths({ XDG_CONFIG_HOME: '/home/op/.config' }, '/home/op')).toEqual([
      '/home/op/.config/lbtop/config.yaml',
    ]);
  });

  it('falls back to ~/.config when $XDG_CONFIG_HOME has no lbtop config', async () => {
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.config', 'lbtop'), { recursive: true });
    writeFileSync(path.join(home, '.config', 'lbtop', 'config.yaml'), 'interval: 5\n');
    const found = await readDefaultConfig({ XDG_CONFIG_HOME: path.join(dir, 'xdg') }, home);
    expect(found.missing).toBe(false);
    expect(found.file).toBe(path.join(home, '.config', 'lbtop', 'config.yaml'));
    expect(found.config?.intervalSec).toBe(5);
    expect(found.config?.path).toBe(found.file);
  });

  it('says missing when no default file exists', async () => {
    const found = await readDefaultConfig({}, path.join(dir, 'nobody'));
    expect(found).toMatchObject({ missing: true, issues: [], file: path.join(dir, 'nobody', '.config', 'lbtop', 'config.yaml') });
  });

  it('reports a missing or unreadable file as an issue, never a throw', async () => {
    const missing = await readConfigFile(path.join(dir, 'nope.yaml'));
    expect(missing.missing).toBe(true);
    expect(formatIssues(missing.issues, 'nope.yaml')).toEqual(['nope.yaml: no such file']);
    const isDir = await readConfigFile(dir);
    expect(isDir.missing).toBe(false);
    expect(isDir.issues[0]?.message).toMatch(/^cannot read: EISDIR/);
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.yaml');
      writeFileSync(locked, 'interval: 2\n');
      chmodSync(locked, 0o000);
      expect((await readConfigFile(locked)).issues[0]?.message).toMatch(/^cannot read: EACCES/);
    }
  });

  it('reads and validates a file with its path in the issues', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'lbs:\n  lb1:\n    haproxy: {}\n');
    const load = await readConfigFile(file);
    expect(load.config).toBeUndefined();
    expect(formatIssues(load.issues, file)).toEqual([`${file}:3:5: lbs.lb1.haproxy: must have exactly one of socket or tcp`]);
  });
});

describe('formatIssues', () => {
  it('prints file:line:col: path: message, marks warnings, and drops what is unknown', () => {
    expect(
      formatIssues(
        [
          { line: 7, column: 5, path: 'lbs.lb1.haproxy', message: 'must have exactly one of socket or tcp' },
          { line: 9, column: 3, path: 'clusters.a.backends[0]', message: 'listed twice', severity: 'warning' },
          { line: 0, column: 0, path: '', message: 'no such file' },
        ],
        'lbtop.yaml',
      ),
    ).toEqual([
      'lbtop.yaml:7:5: lbs.lb1.haproxy: must have exactly one of socket or tcp',
      'lbtop.yaml:9:3: warning: clusters.a.backends[0]: listed twice',
      'lbtop.yaml: no such file',
    ]);
  });
});
