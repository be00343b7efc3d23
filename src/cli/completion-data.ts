// The command tree as the four tables the completion scripts look things up in, keyed by the command's words
// ("lbtop", "lbtop server drain"): its subcommands, its options, the value kind of each option that takes one
// (kindWord: "names:lbs", "files", "words:a,b", "free"), and the kinds of its arguments in order ("…" after the
// last when it repeats). Each shell's script is the same small walker over these tables.
import { allCommands, kindWord, type CommandNode } from './command-tree.js';

export interface CompletionTables {
  subs: Map<string, string>;
  opts: Map<string, string>;
  /** "lbtop server drain|--lb" → "names:lbs". Global options are looked up under "lbtop|…" too. */
  vals: Map<string, string>;
  args: Map<string, string>;
}

export const keyOf = (node: CommandNode) => ['lbtop', ...node.path].join(' ');

export function completionTables(tree: CommandNode): CompletionTables {
  const tables: CompletionTables = { subs: new Map(), opts: new Map(), vals: new Map(), args: new Map() };
  // lbtop's own options parse after a subcommand too (commander's default), except --help/--version: those are
  // the subcommand's own or none.
  const globals = tree.options.flatMap((o) => o.names).filter((n) => !['-h', '--help', '-V', '--version'].includes(n));
  for (const node of allCommands(tree)) {
    const key = keyOf(node);
    if (node.subcommands.length) tables.subs.set(key, node.subcommands.map((s) => s.path.at(-1)!).join(' '));
    const own = node.options.flatMap((o) => o.names);
    tables.opts.set(key, [...new Set([...own, ...(node === tree ? [] : globals)])].join(' '));
    for (const o of node.options) if (o.value) for (const name of o.names) tables.vals.set(`${key}|${name}`, kindWord(o.value));
    const kinds = node.arguments.map((a) => `${kindWord(a.value)}${a.variadic ? '...' : ''}`);
    if (kinds.length) tables.args.set(key, kinds.join(' '));
  }
  return tables;
}

/** Options that choose which config `__complete` reads: passed along so names come from the same file. */
export const CONFIG_OPTIONS = ['-c', '--config', '-s', '--socket', '--inventory', '--group'];
