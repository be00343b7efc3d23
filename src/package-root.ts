// Files that ship beside the code (package.json, schema/, themes/, fixtures/demo) are found from the package
// root, found by walking up from this module to lbtop's package.json: the same answer from src/ (vitest),
// dist/ (tsc output and the bundled bin), wherever npm installed the package.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let ownRoot: string | undefined;

/** lbtop's package root above `from` (a directory), by default above this module. */
export function packageRoot(from?: string): string {
  if (from !== undefined) return findRoot(from);
  ownRoot ??= findRoot(path.dirname(fileURLToPath(import.meta.url)));
  return ownRoot;
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && /"name"\s*:\s*"lbtop"/.test(readFileSync(pkg, 'utf8'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`lbtop's package.json not found above ${from}`);
  }
}

/** A path inside the package: packagePath('schema', 'lbtop.schema.json'). */
export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
