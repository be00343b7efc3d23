// host-files.ts on the local runner: the guarded atomic replace, and kill -9 of the writer mid-write leaving
// the old or the new file, never a cut one.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localRunner } from '../../src/transport/exec.js';
import { FileChangedError, hostFiles } from '../../src/transport/host-files.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = hostFiles(localRunner());

describe('hostFiles on the local runner', () => {
  it('replaces atomically, keeps mode and a backup, and refuses when the file moved', async () => {
    const f = path.join(dir, 'hosts.map');
    writeFileSync(f, 'a 1\n');
    chmodSync(f, 0o640);
    await files.replace(f, 'a 2\n', { expected: 'a 1\n', backup: true });
    expect(readFileSync(f, 'utf8')).toBe('a 2\n');
    expect(readFileSync(`${f}.lbtop-bak`, 'utf8')).toBe('a 1\n');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    await expect(files.replace(f, 'a 3\n', { expected: 'a 1\n', backup: true })).rejects.toBeInstanceOf(FileChangedError);
    expect(readFileSync(f, 'utf8')).toBe('a 2\n');
    expect(await files.read(path.join(dir, 'nope'))).toEqual({ text: '', exists: false });
    await expect(files.replace(path.join(dir, 'new.map'), 'x\n', { expected: null, backup: true })).resolves.toEqual({ backup: null });
    await expect(files.replace(f, 'x\n', { expected: null, backup: true })).rejects.toBeInstanceOf(FileChangedError);
    expect(readdirSync(dir).filter((n) => n.includes('.lbtop.'))).toEqual([]);
  });

  it('writes a symlinked file through to its final target: the links stay links, the backup sits beside the target', async () => {
    // maps/hosts.map -> current -> /abs/.../releases/2/hosts.map (relative, then absolute: the whole chain).
    const target = path.join(dir, 'releases', '2', 'hosts.map');
    mkdirSync(path.dirname(target), { recursive: true });
    mkdirSync(path.join(dir, 'maps'));
    writeFileSync(target, 'a 1\n');
    chmodSync(target, 0o640);
    symlinkSync(target, path.join(dir, 'maps', 'current'));
    const link = path.join(dir, 'maps', 'hosts.map');
    symlinkSync('current', link);
    expect(await files.replace(link, 'a 2\n', { expected: 'a 1\n', backup: true })).toEqual({ backup: `${target}.lbtop-bak` });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('current');
    expect(readlinkSync(path.join(dir, 'maps', 'current'))).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('a 2\n');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(lstatSync(`${target}.lbtop-bak`).isFile()).toBe(true);
    expect(readFileSync(`${target}.lbtop-bak`, 'utf8')).toBe('a 1\n');
    expect(existsSync(`${link}.lbtop-bak`)).toBe(false);
    // The temp file was made (and renamed) in the target's directory, never beside the link.
    expect(readdirSync(path.join(dir, 'maps')).sort()).toEqual(['current', 'hosts.map']);
    // The guard reads through the link too: a stale expectation writes nothing.
    await expect(files.replace(link, 'a 3\n', { expected: 'a 1\n', backup: true })).rejects.toBeInstanceOf(FileChangedError);
    expect(readFileSync(target, 'utf8')).toBe('a 2\n');
    // A dangling link to a missing directory is an error, not a file created somewhere else.
    symlinkSync(path.join(dir, 'nowhere', 'x.map'), path.join(dir, 'maps', 'dangling.map'));
    await expect(files.replace(path.join(dir, 'maps', 'dangling.map'), 'x\n', { expected: null, backup: true })).rejects.toThrow(/cannot resolve/);
    expect(lstatSync(path.join(dir, 'maps', 'dangling.map')).isSymbolicLink()).toBe(true);
  });

  it('kill -9 of lbtop in the middle of a write leaves the old or the new file, never a cut one', async () => {
    const f = path.join(dir, 'big.map');
    const size = 8 * 1024 * 1024;
    const outcomes = new Set<string>();
    for (const delay of [0, 20, 60_000]) {
      const old = `old ${delay}\n`;
      writeFileSync(f, old);
      const child = spawn(process.execPath, ['--import', './fixtures/haproxy/ts-register.mjs', 'test/support/write-child.ts', f, String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise<void>((r) => child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && r()));
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      await exited;
      clearTimeout(timer);
      // The orphaned sh finishes on its own: wait until its temp file is gone.
      for (let i = 0; i < 100 && readdirSync(dir).some((n) => n.startsWith('.big.map.lbtop.')); i++) await new Promise((r) => setTimeout(r, 50));
      const now = readFileSync(f, 'utf8');
      const isNew = now.length === size && now === 'k v\n'.repeat(size / 4);
      expect(now === old || isNew, `after kill at ${delay} ms: ${now.length} bytes`).toBe(true);
      outcomes.add(isNew ? 'new' : 'old');
    }
    // The first run is killed as the write starts; the last one is not killed and writes the new file.
    expect([...outcomes].sort()).toEqual(['new', 'old']);
    expect(readdirSync(dir).filter((n) => n.startsWith('.big.map.lbtop.'))).toEqual([]);
  }, 30_000);
});
