// The $VARIABLES of a user command's words. Each argv word is replaced inside itself only: a value never splits
// into words and never meets a shell, so `$SERVER` = `a b; $(rm -rf /)` reaches the program as that one word.
// `$NAME` and `${NAME}` are references, `$$` is a literal `$`, a `$` before anything else stays as written.
import { USER_VARIABLES, type UserCommand, type UserValues, type UserVariable } from '../model/user-command.js';

const REF = /\$(?:\$|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

const isKnown = (name: string): name is UserVariable => (USER_VARIABLES as readonly string[]).includes(name);

/** The variable names one word refers to, known or not (for the load-time check). */
export function referencesOf(word: string): string[] {
  return [...word.matchAll(REF)].map((m) => m[1] ?? m[2]).filter((n): n is string => n !== undefined);
}

/** The variables a command needs: every reference of its words; in a shell text only ours (the shell has its own). */
export function variablesOf(command: Pick<UserCommand, 'command' | 'shell'>): UserVariable[] {
  const names = command.command.flatMap(referencesOf);
  return [...new Set(names.filter(isKnown))];
}

export type Expansion = { argv: string[] } | { missing: UserVariable[] };

/**
 * The exact argv a command runs with for these values, or the variables this selection does not give. A shell
 * command is `env NAME=value… sh -c TEXT`: the text as written, the values in its environment through `env`'s own
 * words — the same argv runs here, over SSH (quoted word by word, transport/ssh/quote.ts) and under sudo.
 */
export function expand(command: Pick<UserCommand, 'command' | 'shell'>, values: UserValues): Expansion {
  const needed = variablesOf(command);
  const missing = needed.filter((name) => values[name] === undefined || values[name] === '');
  if (missing.length > 0) return { missing };
  if (command.shell) {
    return { argv: ['env', ...needed.map((name) => `${name}=${values[name]!}`), 'sh', '-c', command.command[0]!] };
  }
  const argv = command.command.map((word) =>
    word.replace(REF, (whole: string, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare;
      return name === undefined ? '$' : values[name as UserVariable]!;
    }),
  );
  return { argv };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word's shape: its literal parts exactly, any text where a variable stands. */
function wordPattern(word: string): RegExp {
  let source = '';
  let last = 0;
  for (const m of word.matchAll(REF)) {
    source += escape(word.slice(last, m.index)) + (m[0] === '$$' ? '\\$' : '[\\s\\S]*');
    last = m.index + m[0].length;
  }
  return new RegExp(`^${source}${escape(word.slice(last))}$`);
}

/**
 * Whether argv is what `command` expands to for some values: the read-only gate lets a `dangerous: false` command
 * through by this test, so nothing else can borrow its permission (actions/write-gate.ts declaredReadRunner).
 */
export function isExpansionOf(command: Pick<UserCommand, 'command' | 'shell'>, argv: readonly string[]): boolean {
  if (command.shell) {
    const names = variablesOf(command);
    const expected = ['env', ...names.map((n) => `${n}=`), 'sh', '-c', command.command[0]!];
    return argv.length === expected.length && expected.every((w, i) => (i > 0 && i <= names.length ? argv[i]!.startsWith(w) : argv[i] === w));
  }
  return argv.length === command.command.length && command.command.every((word, i) => wordPattern(word).test(argv[i]!));
}
