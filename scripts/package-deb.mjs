// `npm run package`: a Debian package of the built tree (run after `npm run build`), with dpkg-deb.
//   /usr/lib/lbtop          package.json, bin/lbtop, the bundle (dist/lbtop.mjs, dist/chunks), themes, schema, the
//                           demo's recorded fixtures, and the packages the bundle requires at run time (ssh2 when an
//                           LB is over SSH, yaml for a theme file) with their dependencies
//   /usr/bin/lbtop          → ../lib/lbtop/bin/lbtop (relative: right in a --root install too)
//   /usr/share/man/man1/lbtop.1.gz, and the bash, zsh and fish completions `lbtop completion` prints
// No native code goes in (ssh2's optional crypto binding and cpu-features are left out; ssh2 falls back to
// node's crypto), so the package is Architecture: all and depends on nodejs (>= 20) alone.
// Usage: node scripts/package-deb.mjs [--out DIR]   (default DIR: pkg/)
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'pkg'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const built of ['dist/lbtop.mjs', 'man/lbtop.1']) {
  if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
}

const stage = mkdtempSync(path.join(os.tmpdir(), 'lbtop-deb-'));
// The stage is the package's /: mkdtemp makes it 0700, which dpkg would give a fresh root.
chmodSync(stage, 0o755);
const lib = path.join(stage, 'usr/lib/lbtop');
const put = (rel, text, mode = 0o644) => {
  const file = path.join(stage, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
};
// Source maps and the metafile stay behind: nothing reads them at run time.
const copy = (rel, to = rel) => cpSync(path.join(root, rel), path.join(lib, to), { recursive: true, filter: (src) => !/\.map$|lbtop\.meta\.json$/.test(src) });

try {
  for (const rel of ['package.json', 'bin/lbtop', 'dist/lbtop.mjs', 'dist/chunks', 'themes', 'schema']) copy(rel);
  // The fixtures the demo's replay reads (fixtures/demo*); the other fixtures are the tests'.
  for (const name of readdirSync(path.join(root, 'fixtures')).filter((n) => n.startsWith('demo'))) copy(`fixtures/${name}`);
  for (const dep of runtimeRequires().reduce((seen, name) => runtimeModules(name, seen), new Set())) {
    // Build output and native addons are left out (see the header).
    cpSync(path.join(root, 'node_modules', dep), path.join(lib, 'node_modules', dep), { recursive: true, filter: (src) => !/[\\/](build|test|examples)$|\.node$/.test(src) });
  }
  mkdirSync(path.join(stage, 'usr/bin'), { recursive: true });
  symlinkSync('../lib/lbtop/bin/lbtop', path.join(stage, 'usr/bin/lbtop'));
  put('usr/share/man/man1/lbtop.1.gz', gzipSync(readFileSync(path.join(root, 'man/lbtop.1')), { level: 9 }));
  const { completionScript } = await import(path.join(root, 'dist/cli/completion-command.js'));
  put('usr/share/bash-completion/completions/lbtop', completionScript('bash', pkg.version));
  put('usr/share/zsh/vendor-completions/_lbtop', completionScript('zsh', pkg.version));
  put('usr/share/fish/vendor_completions.d/lbtop.fish', completionScript('fish', pkg.version));
  const installedKb = Number(execFileSync('du', ['-sk', '--exclude=DEBIAN', stage], { encoding: 'utf8' }).split('\t')[0]);
  put(
    'DEBIAN/control',
    `Package: lbtop
Version: ${pkg.version}
Architecture: all
Maintainer: lbtop developers <lbtop@localhost>
Depends: nodejs (>= 20)
Section: admin
Priority: optional
Installed-Size: ${installedKb}
Description: ${pkg.description}
 lbtop is hatop for a fleet: one screen for every HAProxy LB of a cluster, reached
 over local stats sockets or SSH, with previewed and audited drains, weights,
 map/ACL edits, VIP moves and BGP. Includes the man page lbtop(1) and bash, zsh
 and fish completions.
`,
  );
  mkdirSync(outDir, { recursive: true });
  const deb = path.join(outDir, `lbtop_${pkg.version}_all.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, deb], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.stdout.write(`${path.relative(process.cwd(), deb) || deb}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** What the bundle loads from node_modules when it runs: `createRequire(import.meta.url)("X")`, left out of it. */
function runtimeRequires() {
  const files = ['dist/lbtop.mjs', ...readdirSync(path.join(root, 'dist/chunks')).filter((f) => f.endsWith('.mjs')).map((f) => `dist/chunks/${f}`)];
  const names = new Set();
  for (const file of files) {
    for (const m of readFileSync(path.join(root, file), 'utf8').matchAll(/createRequire\(import\.meta\.url\)\("([^"]+)"\)/g)) names.add(m[1]);
  }
  return [...names];
}

/** A package and the packages it depends on (not the optional ones), as node_modules names. */
function runtimeModules(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  for (const dep of Object.keys(dependencies)) runtimeModules(dep, seen);
  return seen;
}
