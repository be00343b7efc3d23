// `lbtop completion bash|zsh|fish` prints a completion script; `lbtop __complete lbs|clusters|maps|acls` (hidden)
// is what those scripts call at completion time for the names in the config (and, for maps and ACL files, in the
// local HAProxies). Registered by args.ts through COMPLETION_SUBCOMMANDS; run by src/subcommands/completion-command.ts.
import { Argument, Command } from 'commander';
import type { Invocation, Subcommand } from './args.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
export const NAME_LISTS = ['lbs', 'clusters', 'maps', 'acls', 'actions'] as const;
export type NameList = (typeof NAME_LISTS)[number];

export type CompletionInvocation = { kind: 'completion'; shell: Shell } | { kind: 'complete'; what: NameList };

type Done = (invocation: Invocation, lbRefs?: string[]) => void;

const completion: Subcommand = {
  needsLbs: false,
  register: (program: Command, done: Done) =>
    program
      .command('completion')
      .description('print the shell completion script (bash: eval "$(lbtop completion bash)"; see FILES in the man page)')
      .addArgument(new Argument('<SHELL>').choices(SHELLS))
      .action((shell: Shell) => done({ kind: 'completion', shell })),
};

// Reads the config like any command (so -c, --inventory and the default file apply), prints one name a line and
// never writes: a TAB must not leave anything behind. Hidden: it is the scripts' interface, not the operator's.
const complete: Subcommand = {
  needsLbs: true,
  register: (program: Command, done: Done) =>
    program
      .command('__complete', { hidden: true })
      .addArgument(new Argument('<WHAT>').choices(NAME_LISTS))
      .action((what: NameList) => done({ kind: 'complete', what })),
};

export const COMPLETION_SUBCOMMANDS: readonly Subcommand[] = [completion, complete];
