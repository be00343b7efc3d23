// bin/lbtop starts node with three V8 flags; a node whose V8 no longer knows one of them refuses to start
// ("node: bad option: …", exit 9). The launcher must then start without that flag and keep the others. A `node`
// placed first in PATH stands in for such a node: it rejects one flag exactly as Node does, logs every argv it
// accepts, and hands those to the real node.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureFreshBuild } from '../e2e/fresh-build.js';

const FLAGS = ['--single-threaded-gc', '--max-semi-space-size=2', '--no-memory-reducer'];
const VERSION = (JSON.parse(readFileSync(path.join(path.dirname(BIN), '../package.json'), 'utf8')) as { version: string }).version;

describe('the launcher on a node that lacks one of its V8 flags', () => {
  let dir: string;
  beforeAll(() => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-launcher-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fake `node` in its own directory that rejects `reject` (when given) and logs what it runs. */
  function fakeNode(name: string, reject: string | null): { path: string; log: string } {
    const bin = path.join(dir, name);
    const log = path.join(dir, `${name}.log`);
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(
      path.join(bin, 'node'),
      `#!/bin/sh
for a in "$@"; do case $a in ${reject ?? '--never-rejected'}) echo "node: bad option: $a" >&2; exit 9;; esac; done
echo "$*" >> ${log}
exec ${process.execPath} "$@"
`,
    );
    chmodSync(path.join(bin, 'node'), 0o755);
    writeFileSync(log, '');
    return { path: bin, log };
  }

  const run = (pathDir: string, ...args: string[]) =>
    spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, PATH: `${pathDir}:${process.env.PATH}` } });

  it('starts with every flag when node knows them all', () => {
    const node = fakeNode('all', null);
    const r = run(node.path, '--version');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(VERSION);
    const started = readFileSync(node.log, 'utf8').trim().split('\n').at(-1)!;
    expect(started).toBe(`${FLAGS.join(' ')} ${BIN} --version`);
  });

  for (const missing of FLAGS) {
    it(`starts without ${missing} when node calls it a bad option, and keeps the others`, () => {
      const node = fakeNode(`no${missing}`, missing);
      const r = run(node.path, '--version');
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe(VERSION);
      const started = readFileSync(node.log, 'utf8').trim().split('\n').at(-1)!;
      expect(started).toBe(`${FLAGS.filter((f) => f !== missing).join(' ')} ${BIN} --version`);
    });
  }

  it('passes arguments through untouched (a word with spaces) and keeps lbtop\'s exit code', () => {
    const node = fakeNode('args', '--no-memory-reducer');
    const r = run(node.path, 'no such command');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'no such command'");
  });

  it('still runs as `node bin/lbtop`', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(VERSION);
  });
});
