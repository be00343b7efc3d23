// `npm run package:sea`: lbtop as one executable (Node's single executable applications, Node 20: a copy of this
// node with a script injected by postject). Run after `npm run build`. Usage: node scripts/package-sea.mjs [--out DIR]
//
// Node 20 runs only a CommonJS script from the executable, and lbtop's bundle is ESM with top-level await (Ink's
// reconciler, yoga-layout's wasm loader): esbuild cannot turn that into CommonJS. So the bundle and its chunks are
// bundled again into ONE ES module, carried as an asset (node:sea getAsset), and the injected CommonJS script
// import()s it from a data: URL: nothing is written to disk and nothing is read from beside the executable.
// What a data: module cannot do is patched here, each patch checked to apply:
//   - import.meta.url (a data: URL) → the executable's file URL, for createRequire of node's built-ins;
//   - ssh2 and yaml, which the bundle requires from node_modules at run time, are bundled in (ssh2's optional
//     native binding stays out: it falls back to node's crypto);
//   - the version comes from package.json now, not from ../package.json at run time;
//   - the schema and demo fixture paths point at nothing (the schema is precompiled; the demo's recorded
//     replay is not in the executable: `lbtop demo` needs haproxy installed).
// The V8 flags of bin/lbtop cannot be set: Node 20's sea-config has no execArgv.
// postject (Node's own injector, a devDependency pinned exactly: it is an alpha) comes from node_modules/.bin.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'pkg'));
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// [file pattern, text in the bundle, replacement]
const PATCHES = [
  [/dist[\\/]lbtop\.mjs$/, 'readFileSync(new URL("../package.json", import.meta.url), "utf8")', JSON.stringify(JSON.stringify({ version }))],
  [/chunks[\\/]chunk-/, 'pathToFileURL(packagePath("schema", "lbtop.schema.json"))', 'new URL("file:///lbtop-sea/schema/lbtop.schema.json")'],
  [/chunks[\\/]demo-/, 'packagePath("fixtures", "demo")', '"/lbtop-sea/fixtures/demo (not in the single executable)"'],
  [/chunks[\\/]chunk-/, 'createRequire(import.meta.url)("ssh2")', 'lbtopSsh2'],
  // Whichever chunk theme/load.ts lands in: the UI's, or one it shares with the first frame.
  [/chunks[\\/](run|chunk)-/, 'createRequire(import.meta.url)("yaml")', 'lbtopYaml'],
];
const CHUNK_BANNER = "import { createRequire as lbtopCreateRequire } from 'node:module'; const require = lbtopCreateRequire(import.meta.url);";
const IMPORTS = { lbtopSsh2: 'ssh2', lbtopYaml: 'yaml' };
const applied = new Set();
const seaPatches = {
  name: 'sea-patches',
  setup(b) {
    b.onLoad({ filter: /dist[\\/](lbtop|chunks[\\/].*)\.mjs$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      for (const [file, from, to] of PATCHES) {
        if (!file.test(args.path) || !source.includes(from)) continue;
        source = source.replaceAll(from, to);
        applied.add(from);
        const name = Object.keys(IMPORTS).find((n) => to === n);
        if (name) source = `import * as ${name}Module from ${JSON.stringify(IMPORTS[name])};\nconst ${name} = ${name}Module.default ?? ${name}Module;\n${source}`;
      }
      // Each chunk's own `require` (bundle.mjs's banner) goes: the one file gets one, in the banner below, where
      // esbuild's require shim for bundled CommonJS (ssh2's require("net")) finds it, with the __dirname ssh2 uses.
      source = source.replace(CHUNK_BANNER, '');
      return { contents: source.replaceAll('import.meta.url', 'globalThis.lbtopSeaUrl'), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const work = mkdtempSync(path.join(os.tmpdir(), 'lbtop-sea-'));
try {
  await build({
    entryPoints: [path.join(root, 'dist/lbtop.mjs')],
    outfile: path.join(work, 'lbtop.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ssh2's optional native parts, required in a try/catch.
    external: ['cpu-features', '*.node'],
    plugins: [seaPatches],
    banner: { js: "import { createRequire as lbtopSeaCreateRequire } from 'node:module'; const require = lbtopSeaCreateRequire(globalThis.lbtopSeaUrl); const __filename = process.execPath; const __dirname = require('node:path').dirname(__filename);" },
    logLevel: 'warning',
  });
  const missing = PATCHES.map(([, from]) => from).filter((from) => !applied.has(from));
  if (missing.length) throw new Error(`scripts/package-sea.mjs: the bundle changed, patches not applied: ${missing.join('; ')}`);
  writeFileSync(
    path.join(work, 'main.cjs'),
    `process.env.NODE_ENV ??= 'production';
globalThis.lbtopSeaUrl = require('node:url').pathToFileURL(process.execPath).href;
const source = require('node:sea').getAsset('lbtop.mjs');
import('data:text/javascript;base64,' + Buffer.from(source).toString('base64')).catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\\n');
  process.exitCode = 1;
});
`,
  );
  writeFileSync(
    path.join(work, 'sea-config.json'),
    JSON.stringify({ main: 'main.cjs', output: 'sea.blob', disableExperimentalSEAWarning: true, assets: { 'lbtop.mjs': 'lbtop.mjs' } }),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', 'sea-config.json'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(outDir, { recursive: true });
  const exe = path.join(outDir, 'lbtop');
  copyFileSync(process.execPath, exe);
  execFileSync(path.join(root, 'node_modules/.bin/postject'), [exe, 'NODE_SEA_BLOB', path.join(work, 'sea.blob'), '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.stdout.write(`${exe}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
