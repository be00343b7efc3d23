// `npm start` and `npm run demo:fleet` build first, but `npm install` has already built (the `prepare` script),
// and a build takes 15 to 50 seconds on a small machine: a newcomer's first screen should not wait for a second,
// identical one. Builds only when a source, the package file or the build's own config is newer than the bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'lbtop.mjs');

function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((max, name) => Math.max(max, newest(path.join(file, name))), stat.mtimeMs);
}

const inputs = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.mjs'].map((f) => path.join(root, f));
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= Math.max(...inputs.filter(existsSync).map(newest));
if (!fresh) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
