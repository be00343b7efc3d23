// Bundles dist/cli.js (tsc output) and its dependencies into dist/lbtop.mjs, the file bin/lbtop runs. It sits
// beside dist/cli.js so that paths relative to the compiled modules stay right.
//
// Why a bundle: Node 20 resolves, reads and compiles some 400 ES modules one by one at every start (Ink, React,
// yaml, ajv and lbtop itself), which was most of lbtop's time to first screen. One file, with React's
// development code stripped, starts several times faster. While bundling, Ink 6.8's renderer gets lbtop's
// RowCachedOutput instead of Ink's Output (see src/ui/ink-output/row-cached-output.ts); another Ink version
// fails the build. The config schema's validator is compiled here too, not at every start.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The patches below were made for this Ink (package.json pins it exactly): another version fails the build
// rather than silently losing the fast renderer. Update both together, after reading Ink's renderer.js/output.js.
const INK_PATCHED_FOR = '6.8.0';
const inkVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/ink/package.json'), 'utf8')).version;
if (inkVersion !== INK_PATCHED_FOR) {
  throw new Error(`scripts/bundle.mjs: ink ${inkVersion} is installed, the patches are for ${INK_PATCHED_FOR}; pin ink to the version they are made for`);
}
/** Every patch must have found its target by the end of the build; one that did not fails it. */
const applied = new Set();
const PATCHES = ['ink devtools stub', 'ink output.js → RowCachedOutput', 'ink Output bundled into RowCachedOutput', 'ink measure-text.js → bounded cache', 'yoga without fetch'];

const inkBuild = `${path.sep}ink${path.sep}build${path.sep}`;
const INK_OUTPUT_IMPORT = "const { default: InkOutput } = (await import(new URL('./output.js', import.meta.resolve('ink')).href));";

// The config schema's validator, compiled now rather than at every start (see src/config/schema-precompiled.ts).
const { validatorSource } = await import(path.join(root, 'dist/config/schema.js'));
const precompiledSchema = {
  name: 'precompiled-schema',
  setup(b) {
    b.onLoad({ filter: /[\\/]config[\\/]schema-precompiled\.js$/ }, () => ({
      contents: `${validatorSource()}\nexport { validate as precompiled };\n`,
      loader: 'js',
      resolveDir: root,
    }));
    // The flags' part of the schema alone (src/config/flags-validate.ts): what a start without a config file checks.
    b.onLoad({ filter: /[\\/]config[\\/]flags-precompiled\.js$/ }, () => ({
      contents: `${validatorSource('flags')}\nexport { validate as precompiledFlags };\n`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
// The package's themes, parsed now rather than at every start (see src/theme/builtin-themes.ts).
const { precompileThemes } = await import(path.join(root, 'dist/theme/load.js'));
const builtinThemes = {
  name: 'builtin-themes',
  setup(b) {
    b.onLoad({ filter: /[\\/]theme[\\/]builtin-themes\.js$/ }, () => ({
      contents: `export const precompiledThemes = ${JSON.stringify(precompileThemes(path.join(root, 'themes')))};\n`,
      loader: 'js',
    }));
  },
};
const inkPatches = {
  name: 'ink-patches',
  setup(b) {
    // Ink imports its React devtools bridge only in development mode, which the bundle never runs.
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => {
      if (!args.importer.includes(inkBuild)) return undefined;
      applied.add('ink devtools stub');
      return { path: 'devtools', namespace: 'lbtop-stub' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lbtop-stub' }, () => ({ contents: 'export default undefined;' }));
    // Ink's log-update is not used: lbtop runs Ink in debug mode and writes frames itself (src/ui/screen).
    b.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
      if (!args.importer.endsWith(`${inkBuild}renderer.js`)) return undefined;
      applied.add('ink output.js → RowCachedOutput');
      return { path: path.join(root, 'dist/ui/ink-output/row-cached-output.js') };
    });
    // Ink's measureText caches every text it measured and never forgets one: the table, new at every poll, grew it
    // by a table per frame for as long as lbtop ran (src/ui/ink-output/measure-text.ts keeps it bounded).
    b.onResolve({ filter: /^\.\/measure-text\.js$/ }, (args) => {
      if (!args.importer.endsWith(`${inkBuild}dom.js`)) return undefined;
      applied.add('ink measure-text.js → bounded cache');
      return { path: path.join(root, 'dist/ui/ink-output/measure-text.js') };
    });
    // RowCachedOutput loads Ink's own Output by file URL from Ink's package (Ink exports only its entry); in the
    // bundle it is bundled instead, so the TUI needs nothing from node_modules at run time (the .deb ships none).
    b.onLoad({ filter: /[\\/]ink-output[\\/]row-cached-output\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(INK_OUTPUT_IMPORT)) return undefined; // reported below: the patch did not apply
      applied.add('ink Output bundled into RowCachedOutput');
      const inkOutput = path.join(root, 'node_modules/ink/build/output.js');
      return { contents: `import lbtopInkOutput from ${JSON.stringify(inkOutput)};\n${source.replace(INK_OUTPUT_IMPORT, 'const InkOutput = lbtopInkOutput;')}`, loader: 'js' };
    });
  },
};

// yoga-layout's Emscripten loader fetch()es its own embedded base64 wasm: on Node the first fetch() loads undici,
// ~15 ms of a start. Handing it the bytes (decoded by Buffer) skips that; a yoga whose loader differs is left as is.
const YOGA_FETCH = 'function ya(){return w||"function"!=typeof fetch?';
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(YOGA_FETCH)) return undefined; // reported below: the patch did not apply
      applied.add('yoga without fetch');
      return { contents: source.replace(YOGA_FETCH, 'function ya(){w=w||Buffer.from(H.slice(37),"base64");return w||"function"!=typeof fetch?'), loader: 'js' };
    });
  },
};

// Split at every dynamic import(): the entry chunk holds what `lbtop -s SOCK` needs until its first poll is sent,
// and the UI, the subcommands, the map editor, trace and failover code and the config-file reader are chunks under
// dist/chunks/, compiled by V8 only when imported (one 3 MB file cost ~0.1 s of compile before main() ran).
// Chunks of an earlier build are removed first: their names carry a hash, so they would pile up.
rmSync(path.join(root, 'dist/chunks'), { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, 'dist/cli.js')],
  outdir: path.join(root, 'dist'),
  entryNames: 'lbtop',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  // Which source module sits in which chunk: test/cli/startup-chunks.test.ts reads it (not shipped: "files").
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ssh2 is CommonJS with an optional native addon: loaded from node_modules at run time.
  external: ['ssh2', 'cpu-features'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS code (react-reconciler, ajv, …) calls require(); give it Node's (every chunk gets its own).
  banner: { js: "import { createRequire as lbtopCreateRequire } from 'node:module'; const require = lbtopCreateRequire(import.meta.url);" },
  plugins: [inkPatches, precompiledSchema, builtinThemes, yogaWithoutFetch],
  sourcemap: true,
  logLevel: 'warning',
});
const missed = PATCHES.filter((p) => !applied.has(p));
if (missed.length > 0) throw new Error(`scripts/bundle.mjs: patch(es) no longer apply: ${missed.join(', ')}; see the comments above each`);
writeFileSync(path.join(root, 'dist/lbtop.meta.json'), JSON.stringify(result.metafile));
