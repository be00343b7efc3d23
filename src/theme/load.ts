// themes/<name>.yaml → a Theme. Never throws: a broken theme file still gives a usable theme (the fallback
// fills every token it got wrong) plus the list of what was wrong, with line numbers, for the flash line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import { precompiledThemes, type PrecompiledTheme } from './builtin-themes.js';
import { isColor } from './colors.js';
import { FALLBACK, MONO, TOKENS, type Style, type Theme, type Token } from './tokens.js';

export interface ThemeIssue {
  file: string;
  /** 1-based; 0 when not tied to a line. */
  line: number;
  message: string;
}

export interface LoadedTheme {
  theme: Theme;
  errors: ThemeIssue[];
}

export interface LoadOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the named themes live; defaults to the package's themes/. */
  dir?: string;
  /** Named themes parsed at build time (default: the bundle's, see builtin-themes.ts). */
  precompiled?: Readonly<Record<string, PrecompiledTheme>> | null;
}

/**
 * The package's themes/ directory, found by walking up from this module to lbtop's package.json, so it is the
 * same from dist/theme/load.js (installed) and from src/theme/load.ts (vitest).
 */
export function themesDir(from?: string): string {
  try {
    return path.join(packageRoot(from), 'themes');
  } catch {
    return path.join(from ?? '.', 'themes');
  }
}

export function listThemes(dir: string = themesDir()): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

/** NO_COLOR (no-color.org: set and not empty) wins over any theme asked for. */
export function loadTheme(name: string, options: LoadOptions = {}): LoadedTheme {
  const env = options.env ?? process.env;
  const wanted = env.NO_COLOR ? 'mono' : name;
  const isPath = /[/\\]|\.ya?ml$/.test(wanted);
  const file = isPath ? wanted : path.join(options.dir ?? themesDir(), `${wanted}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such theme file' : (error as Error).message;
    const known = listThemes(options.dir);
    const hint = known.length > 0 ? ` (themes: ${known.join(', ')})` : '';
    return { theme: wanted === 'mono' ? MONO : { ...MONO, name: wanted }, errors: [{ file, line: 0, message: `${reason}${hint}; using mono` }] };
  }
  const ready = isPath ? undefined : (options.precompiled === undefined ? precompiledThemes : options.precompiled)?.[wanted];
  if (ready && ready.text === text) return { theme: ready.theme, errors: [] };
  return parseTheme(wanted, text, file);
}

/** Every theme of `dir` that parses without a complaint, with the text it was parsed from (for the bundle). */
export function precompileThemes(dir: string = themesDir()): Record<string, PrecompiledTheme> {
  const out: Record<string, PrecompiledTheme> = {};
  for (const name of listThemes(dir)) {
    const text = readFileSync(path.join(dir, `${name}.yaml`), 'utf8');
    const { theme, errors } = parseTheme(name, text);
    if (errors.length === 0) out[name] = { text, theme };
  }
  return out;
}

// The YAML parser is required when a theme file is read (a theme given by path, and the build), not at start: the
// package's own themes come precompiled in the bundle (builtin-themes.ts).
const yaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

export function parseTheme(name: string, text: string, file = `${name}.yaml`): LoadedTheme {
  const { isMap, isScalar, LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const errors: ThemeIssue[] = doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? 0, message: e.message.split('\n')[0]! }));
  const lineOf = (node: unknown) => {
    const range = (node as Node | null)?.range;
    return range ? lines.linePos(range[0]).line : 0;
  };
  const styles: Record<Token, Style> = { ...FALLBACK };
  const tokens = doc.get('tokens', true);
  if (errors.length > 0 || !isMap(tokens)) {
    if (errors.length === 0) errors.push({ file, line: lineOf(tokens), message: 'a theme needs a `tokens:` map' });
    return { theme: { name, styles }, errors };
  }
  // Values come from the resolved document (palette aliases expanded); the AST only gives line numbers.
  let values: Record<string, unknown>;
  try {
    values = ((doc.toJS({ maxAliasCount: 1000 }) as { tokens?: Record<string, unknown> }).tokens ?? {});
  } catch (error) {
    return { theme: { name, styles }, errors: [{ file, line: 0, message: (error as Error).message }] };
  }
  for (const pair of tokens.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const line = lineOf(pair.key);
    if (!(TOKENS as readonly string[]).includes(key)) {
      errors.push({ file, line, message: `unknown token "${key}"` });
      continue;
    }
    const style = toStyle(values[key], (message) => errors.push({ file, line, message: `${key}: ${message}` }));
    if (style) styles[key as Token] = style;
  }
  return { theme: { name, styles }, errors };
}

const FLAGS = ['bold', 'dim', 'italic', 'underline', 'inverse'] as const;

function toStyle(raw: unknown, report: (message: string) => void): Style | null {
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    report('expected a map like { fg: "#ff0000", bold: true }');
    return null;
  }
  const style: Style = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'fg' || k === 'bg') {
      if (typeof v === 'string' && isColor(v)) style[k] = v;
      else report(`${k}: "${String(v)}" is not a colour (a name like red, #rrggbb, rgb(r,g,b) or ansi256(n))`);
    } else if ((FLAGS as readonly string[]).includes(k)) {
      if (typeof v === 'boolean') style[k as (typeof FLAGS)[number]] = v;
      else report(`${k}: expected true or false`);
    } else {
      report(`unknown attribute "${k}"`);
    }
  }
  return style;
}
