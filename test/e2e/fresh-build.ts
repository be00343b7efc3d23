// The bin runs dist/lbtop.mjs: tests that run it need a bundle built from this tree. `npm test` builds before
// vitest, so there this does nothing; a test file run alone rebuilds when a source file is newer than the bundle.
// Builds take a lock so two test files never write dist/ at the same time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin/lbtop');
const BUNDLE = path.join(ROOT, 'dist/lbtop.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureFreshBuild(): void {
  const sources = Math.max(newestSource(path.join(ROOT, 'src')), statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return;
  execFileSync('flock', [path.join(os.tmpdir(), 'lbtop-build.lock'), 'npm', 'run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
}
