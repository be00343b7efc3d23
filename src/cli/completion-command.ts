// Runs `lbtop completion SHELL` (the script, generated from the command line args.ts parses) and the hidden
// `lbtop __complete WHAT` the scripts call (names from the config; src/cli/complete-names.ts). Loaded by
// cli.ts only for these two: neither the TUI nor the other subcommands carry it.
import type { LbtopConfig } from '../model/config.js';
import { buildProgram } from './args.js';
import { completionBash } from './completion-bash.js';
import type { CompletionInvocation, Shell } from './completion-args.js';
import { completionTables } from './completion-data.js';
import { completionFish } from './completion-fish.js';
import { completionZsh } from './completion-zsh.js';
import { commandTree } from './command-tree.js';

const SCRIPTS = { bash: completionBash, zsh: completionZsh, fish: completionFish };

/** The completion script for `shell`, for lbtop at `version`. */
export function completionScript(shell: Shell, version: string): string {
  return SCRIPTS[shell](completionTables(commandTree(buildProgram(version, () => {}))), version);
}

export async function runCompletion(invocation: CompletionInvocation, config: LbtopConfig, version: string, out: (text: string) => void): Promise<number> {
  if (invocation.kind === 'completion') {
    out(completionScript(invocation.shell, version));
    return 0;
  }
  const { completeNames } = await import('./complete-names.js');
  const names = await completeNames(config, invocation.what);
  out(names.map((n) => `${n}\n`).join(''));
  return 0;
}
