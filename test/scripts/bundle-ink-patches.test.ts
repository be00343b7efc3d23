// The bundle that ships runs Ink with lbtop's patches (scripts/bundle.mjs): Ink's renderer gets RowCachedOutput
// instead of Ink's own Output, and the devtools bridge is stubbed. The build fails when a patch stops applying;
// this checks the other half, that what was built is the patched renderer (from the esbuild metafile).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild, ROOT } from '../e2e/fresh-build.js';

interface Meta {
  inputs: Record<string, unknown>;
}

let inputs: string[] = [];
beforeAll(() => {
  ensureFreshBuild();
  inputs = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'dist/lbtop.meta.json'), 'utf8')) as Meta).inputs);
}, 120_000);

describe('the shipped bundle', () => {
  it("has lbtop's RowCachedOutput in place of Ink's output.js, and no devtools", () => {
    expect(inputs).toContain('dist/ui/ink-output/row-cached-output.js');
    expect(inputs.filter((i) => /node_modules\/ink\/build\/(output|devtools)\.js$/.test(i))).toEqual([]);
    expect(inputs.some((i) => i.endsWith('node_modules/ink/build/renderer.js'))).toBe(true);
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
