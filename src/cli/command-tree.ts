// The command line as data, walked from the commander program args.ts builds (buildProgram): every visible
// command with its options and arguments, and what kind of value each takes. The shell completions and the man
// page are generated from it, so neither can list an option that does not parse or miss one that does.
import { Help, type Command } from 'commander';
import type { NameList } from './completion-args.js';

/** What a value is, for completion: names lbtop lists at completion time, a path, fixed words, or free text. */
export type ValueKind = { names: NameList } | { files: true } | { words: readonly string[] } | { free: true };

export interface OptionNode {
  /** As written in --help: "-c, --config <file>". */
  flags: string;
  /** "-c" and "--config", the forms a shell offers. */
  names: string[];
  description: string;
  /** Null: a switch that takes no value. */
  value: ValueKind | null;
}

export interface ArgumentNode {
  name: string;
  required: boolean;
  variadic: boolean;
  description: string;
  value: ValueKind;
}

export interface CommandNode {
  /** Words after `lbtop`: [] for lbtop itself, ['server', 'drain'] for `lbtop server drain`. */
  path: string[];
  usage: string;
  description: string;
  options: OptionNode[];
  arguments: ArgumentNode[];
  subcommands: CommandNode[];
}

// Which names complete which values, by option (long form) and by argument name. An option or argument not
// named here takes free text (a server, a weight, a reason), unless commander knows its choices.
const OPTION_VALUES: Record<string, ValueKind> = {
  '--lb': { names: 'lbs' },
  '--to': { names: 'lbs' },
  '--cluster': { names: 'clusters' },
  '--config': { files: true },
  '--inventory': { files: true },
  '--socket': { files: true },
  '--out': { files: true },
  '--theme': { words: ['dark', 'light', 'mono'] },
};
const ARGUMENT_VALUES: Record<string, ValueKind> = {
  MAPFILE: { names: 'maps' },
  ACLFILE: { names: 'acls' },
  SOURCE: { files: true },
  HOST: { names: 'lbs' },
  'VIP|INSTANCE|LB': { names: 'lbs' },
  ID: { names: 'actions' },
};

/**
 * The visible tree, filtered as commander's own --help filters it (hidden commands and options left out). The
 * `help` command commander adds to each group is kept at the top only (`lbtop help server` says the same).
 */
export function commandTree(program: Command, path: string[] = []): CommandNode {
  const help = new Help();
  const subcommands = help.visibleCommands(program).filter((c) => path.length === 0 || c.name() !== 'help');
  const siblings = subcommands.map((c) => c.name()).filter((n) => n !== 'help');
  return {
    path,
    usage: ['lbtop', ...path, program.usage()].join(' '),
    description: program.description(),
    options: help.visibleOptions(program).map((o) => ({
      flags: o.flags,
      names: [o.short, o.long].filter((n): n is string => n !== undefined),
      description: o.description,
      // An optional value (`--fleet [LBS]`) is completed as a switch: the next word may as well be a command.
      value: o.required ? (o.argChoices ? { words: o.argChoices } : (OPTION_VALUES[o.long ?? ''] ?? { free: true })) : null,
    })),
    arguments: program.registeredArguments.map((a) => ({
      name: a.name(),
      required: a.required,
      variadic: a.variadic,
      description: a.description,
      value: a.argChoices ? { words: a.argChoices } : (ARGUMENT_VALUES[a.name()] ?? { free: true }),
    })),
    subcommands: subcommands.map((c) => {
      const node = commandTree(c, [...path, c.name()]);
      // `lbtop help [command]`: the command is one of its siblings.
      if (c.name() === 'help') node.arguments = node.arguments.map((a) => ({ ...a, value: { words: siblings } }));
      return node;
    }),
  };
}

/** Every command in the tree, lbtop itself first, depth first. */
export function allCommands(node: CommandNode): CommandNode[] {
  return [node, ...node.subcommands.flatMap(allCommands)];
}

/** A value kind as one word for the scripts: "names:lbs", "files", "words:a,b", "free". */
export function kindWord(kind: ValueKind): string {
  if ('names' in kind) return `names:${kind.names}`;
  if ('files' in kind) return 'files';
  if ('words' in kind) return `words:${kind.words.join(',')}`;
  return 'free';
}
