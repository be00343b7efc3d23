// Where lbtop.yaml lives and reading it. The only I/O of src/config.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigLoad } from './load.js';

export interface ConfigFileLoad extends ConfigLoad {
  /** The file does not exist. The caller decides whether that matters (it does not with -s sockets). */
  missing: boolean;
}

/**
 * Candidate default paths, in order: $XDG_CONFIG_HOME/lbtop/config.yaml, then ~/.config/lbtop/config.yaml.
 * The first that exists is used; keeping the second even when XDG_CONFIG_HOME is set means an operator whose
 * session sets it (sudo -E, a desktop login) still finds the file in the usual place. A relative
 * XDG_CONFIG_HOME is ignored, as the XDG spec says.
 */
export function defaultConfigPaths(env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  const xdg = env.XDG_CONFIG_HOME;
  const candidates = [
    ...(xdg && path.isAbsolute(xdg) ? [path.join(xdg, 'lbtop', 'config.yaml')] : []),
    path.join(home, '.config', 'lbtop', 'config.yaml'),
  ];
  return [...new Set(candidates)];
}

export async function readConfigFile(file: string): Promise<ConfigFileLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`;
    return { issues: [{ line: 0, column: 0, path: '', message }], missing: code === 'ENOENT' };
  }
  // The YAML reader and the schema's validator load only when there is a file to read.
  const { loadConfig } = await import('./load.js');
  return { ...loadConfig(text, file), missing: false };
}

/** The first default path that exists, loaded; `missing` with the first candidate's path when none does. */
export async function readDefaultConfig(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): Promise<ConfigFileLoad & { file: string; tried: string[] }> {
  const tried = defaultConfigPaths(env, home);
  for (const file of tried) {
    const load = await readConfigFile(file);
    if (!load.missing) return { ...load, file, tried };
  }
  return { issues: [], missing: true, file: tried[0]!, tried };
}
