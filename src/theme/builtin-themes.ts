// The package's themes parsed ahead of time. Null here (tests and tsc output parse the YAML at start);
// scripts/bundle.mjs replaces this module in the bundle with precompileThemes()'s result, which saves the first
// screen the ~15 ms a cold YAML parse costs. A theme file that no longer holds the text it was built from is
// parsed as usual (see loadTheme).
import type { Theme } from './tokens.js';

export interface PrecompiledTheme {
  /** The file's text at build time. */
  text: string;
  theme: Theme;
}

export const precompiledThemes: Readonly<Record<string, PrecompiledTheme>> | null = null;
