// Files that ship beside the code (package.json, schema/, themes/, fixtures/demo) are found from the package
// root, found by walking up from this module to lbtop's package.json: the same answer from src/ (vitest),
// dist/ (tsc output and the bundled bin), wherever npm installed the package.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  if (cached !== undefined && arguments.length === 0) return cached;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && /"name"\s*:\s*"lbtop"/.test(readFileSync(pkg, 'utf8'))) {
      if (arguments.length === 0) cached = dir;
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`lbtop's package.json not found above ${from}`);
  }
}

/** A path inside the package: packagePath('schema', 'lbtop.schema.json'). */
export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
