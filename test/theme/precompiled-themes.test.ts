// The bundle carries the package's themes parsed at build time (scripts/bundle.mjs, src/theme/builtin-themes.ts):
// the same themes a parse gives, used only while the file still holds the text they were built from.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listThemes, loadTheme, precompileThemes, themesDir } from '../../src/theme/load.js';

describe('precompiled themes', () => {
  it('are every package theme, equal to what parsing the file gives', () => {
    const precompiled = precompileThemes();
    expect(Object.keys(precompiled).sort()).toEqual(listThemes());
    for (const name of listThemes()) {
      expect(precompiled[name]!.theme).toEqual(loadTheme(name, { precompiled: null, env: {} }).theme);
    }
  });

  it('are used while the file is unchanged, and a file edited since is parsed (its mistakes reported)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-themes-'));
    try {
      cpSync(themesDir(), dir, { recursive: true });
      const precompiled = precompileThemes(dir);
      expect(loadTheme('dark', { dir, precompiled, env: {} }).theme).toBe(precompiled.dark!.theme);
      writeFileSync(path.join(dir, 'dark.yaml'), `${precompiled.dark!.text}\n  not.a.token: { fg: red }\n`);
      const edited = loadTheme('dark', { dir, precompiled, env: {} });
      expect(edited.theme).not.toBe(precompiled.dark!.theme);
      expect(edited.errors.map((e) => e.message)).toContain('unknown token "not.a.token"');
      // NO_COLOR still wins, through the precompiled mono theme.
      expect(loadTheme('dark', { dir, precompiled, env: { NO_COLOR: '1' } }).theme).toBe(precompiled.mono!.theme);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
