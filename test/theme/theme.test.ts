import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isColor } from '../../src/theme/colors.js';
import { listThemes, loadTheme, parseTheme, themesDir } from '../../src/theme/load.js';
import { FALLBACK, TOKENS } from '../../src/theme/tokens.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lbtop-theme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('themes', () => {
  it('finds the package themes directory from the source tree', () => {
    expect(existsSync(path.join(themesDir(), 'dark.yaml'))).toBe(true);
    expect(listThemes()).toEqual(expect.arrayContaining(['dark', 'light', 'mono']));
  });

  it.each(['dark', 'light', 'mono'])('%s loads without errors and sets every token itself', (name) => {
    const { theme, errors } = loadTheme(name, { env: {} });
    expect(errors).toEqual([]);
    expect(theme.name).toBe(name);
    // Every token is spelled out in the file, not left to the fallback.
    for (const token of TOKENS) expect(theme.styles[token], token).not.toBe(FALLBACK[token]);
  });

  it('mono uses no colour at all', () => {
    const { theme } = loadTheme('mono', { env: {} });
    for (const token of TOKENS) {
      expect(theme.styles[token].fg, token).toBeUndefined();
      expect(theme.styles[token].bg, token).toBeUndefined();
    }
  });

  it('dark gives DOWN and UP different colours', () => {
    const { theme } = loadTheme('dark', { env: {} });
    expect(theme.styles['status.down'].fg).not.toBe(theme.styles['status.up'].fg);
  });

  it('NO_COLOR selects mono whatever theme was asked for', () => {
    expect(loadTheme('dark', { env: { NO_COLOR: '1' } }).theme.name).toBe('mono');
    // no-color.org: an empty value does not count.
    expect(loadTheme('dark', { env: { NO_COLOR: '' } }).theme.name).toBe('dark');
  });

  it('reports mistakes with line numbers instead of throwing, and keeps the rest', () => {
    const file = path.join(tmp, 'broken.yaml');
    writeFileSync(file, ['palette:', '  red: &red "#ff0000"', 'tokens:', '  status.down: { fg: *red }', '  status.up: { fg: "greenish" }', '  staus.drain: { bold: true }', '  row.selected: { inverse: "yes" }', ''].join('\n'));
    const { theme, errors } = loadTheme(file, { env: {} });
    expect(theme.styles['status.down']).toEqual({ fg: '#ff0000' });
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [5, 'status.up: fg: "greenish" is not a colour (a name like red, #rrggbb, rgb(r,g,b) or ansi256(n))'],
      [6, 'unknown token "staus.drain"'],
      [7, 'row.selected: inverse: expected true or false'],
    ]);
    expect(theme.styles['staus.drain' as never]).toBeUndefined();
  });

  it('a YAML syntax error or a missing file gives a usable theme and an error', () => {
    const bad = parseTheme('bad', 'tokens: { status.up: [\n');
    expect(bad.errors[0]!.line).toBeGreaterThan(0);
    expect(bad.theme.styles['status.up']).toBeDefined();
    const missing = loadTheme('nosuch', { env: {} });
    expect(missing.errors[0]!.message).toMatch(/no such theme file \(themes: dark, light, mono\); using mono/);
    expect(missing.theme.styles['status.down']).toEqual(FALLBACK['status.down']);
  });

  it('accepts the colour forms Ink understands', () => {
    expect(['red', 'cyanBright', 'gray', '#abc', '#a0b0c0', 'rgb(1,2,3)', 'ansi256(208)'].every(isColor)).toBe(true);
    expect(['reddish', '#ggg', 'ansi256(300)', 'rgb(1,2)', ''].some(isColor)).toBe(false);
  });
});
