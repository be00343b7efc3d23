// The bundle that ships runs Ink with lbtop's patches (scripts/bundle.mjs): Ink's renderer gets RowCachedOutput
// instead of Ink's own Output, its layout lbtop's measureText (a bounded cache), and the devtools bridge is
// stubbed. The build fails when a patch stops applying; this checks the other half, that what was built is the
// patched renderer (from the esbuild metafile).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild, ROOT } from '../e2e/fresh-build.js';

interface Meta {
  inputs: Record<string, { imports: { path: string }[] }>;
}

let meta: Meta = { inputs: {} };
beforeAll(() => {
  ensureFreshBuild();
  meta = JSON.parse(readFileSync(path.join(ROOT, 'dist/lbtop.meta.json'), 'utf8')) as Meta;
}, 120_000);

const importsOf = (suffix: string) => {
  const key = Object.keys(meta.inputs).find((i) => i.endsWith(suffix));
  return key ? meta.inputs[key]!.imports.map((i) => i.path) : null;
};

describe('the shipped bundle', () => {
  it("gives Ink's renderer lbtop's RowCachedOutput, which wraps Ink's own Output (bundled), and no devtools", () => {
    expect(importsOf('node_modules/ink/build/renderer.js')).toContain('dist/ui/ink-output/row-cached-output.js');
    expect(importsOf('node_modules/ink/build/renderer.js')!.filter((i) => i.endsWith('ink/build/output.js'))).toEqual([]);
    expect(importsOf('dist/ui/ink-output/row-cached-output.js')!.some((i) => i.endsWith('node_modules/ink/build/output.js'))).toBe(true);
    expect(Object.keys(meta.inputs).filter((i) => i.endsWith('ink/build/devtools.js'))).toEqual([]);
  });

  it("gives Ink's layout lbtop's measureText, whose cache is bounded, instead of Ink's own", () => {
    expect(importsOf('node_modules/ink/build/dom.js')).toContain('dist/ui/ink-output/measure-text.js');
    expect(importsOf('node_modules/ink/build/dom.js')!.filter((i) => i.endsWith('ink/build/measure-text.js'))).toEqual([]);
    expect(Object.keys(meta.inputs).filter((i) => i.endsWith('ink/build/measure-text.js'))).toEqual([]);
  });

  it('pins the exact Ink the patches are made for', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const bundleScript = readFileSync(path.join(ROOT, 'scripts/bundle.mjs'), 'utf8');
    const patchedFor = /const INK_PATCHED_FOR = '([^']+)'/.exec(bundleScript)?.[1];
    expect(pkg.dependencies.ink).toBe(patchedFor);
    const installed = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/ink/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(patchedFor);
  });
});
