// `commands:` of lbtop.yaml (already schema-shaped or not: every check looks first) → load-time errors, then the
// typed UserCommand list. What the schema cannot say: a variable the scope cannot give, a key lbtop already uses
// there (the operator would press it and get the built-in, or worse the other way round), two commands on one key.
import type { UserCommand, UserCommandScope } from '../model/user-command.js';
import { SCOPE_VARIABLES, USER_VARIABLES } from '../model/user-command.js';
import { referencesOf } from '../actions/user-command-words.js';
import { builtinKeyClash, keyScopeOf } from '../keymap/user-keys.js';
import type { Segment } from './yaml-doc.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCOPES: readonly string[] = ['server', 'node', 'lb', 'vip'];

export const USER_COMMAND_DEFAULTS = { where: 'local', confirm: true, dangerous: true, timeoutSec: 30 } as const;

type Add = (path: Segment[], message: string) => void;

function checkWords(def: Obj, path: Segment[], add: Add): void {
  const scope = def.scope as UserCommandScope;
  const shell = def.shell === true;
  if (shell && typeof def.command !== 'string') return add([...path, 'command'], 'with shell: true, command is one string for sh -c');
  if (!shell && typeof def.command === 'string') {
    return add([...path, 'command'], 'a command is a list of words (no shell); for sh -c write shell: true (the variables are then environment variables)');
  }
  const words = typeof def.command === 'string' ? [def.command] : Array.isArray(def.command) ? def.command.filter((w): w is string => typeof w === 'string') : [];
  const allowed = SCOPE_VARIABLES[scope] ?? [];
  for (const name of new Set(words.flatMap(referencesOf))) {
    const ours = (USER_VARIABLES as readonly string[]).includes(name);
    // In a shell text, $HOME or $1 are the shell's own; only lbtop's names are checked there.
    if (!ours && shell) continue;
    if (!ours) add([...path, 'command'], `unknown variable $${name}: lbtop gives ${USER_VARIABLES.map((v) => `$${v}`).join(', ')} (write $$ for a literal $)`);
    else if (SCOPES.includes(scope) && !(allowed as readonly string[]).includes(name)) {
      add([...path, 'command'], `$${name} is not known in scope ${scope}: it gives ${allowed.map((v) => `$${v}`).join(', ')}`);
    }
  }
}

export function checkUserCommands(raw: unknown, add: Add): void {
  if (!Array.isArray(raw)) return; // absent, or the schema reports it
  const names = new Set<string>();
  const keys = new Map<string, string>();
  raw.forEach((def, i) => {
    const path: Segment[] = ['commands', i];
    if (!isObj(def)) return;
    const name = typeof def.name === 'string' ? def.name : `#${i + 1}`;
    if (names.has(name)) add([...path, 'name'], `command "${name}" is defined twice`);
    names.add(name);
    if (SCOPES.includes(def.scope as string)) checkWords(def, path, add);
    const hook = isObj(def.on) ? def.on['node-drain'] : undefined;
    if (hook !== undefined && def.scope !== 'node') add([...path, 'on'], 'a node-drain hook acts on the node: it needs scope: node');
    if (typeof def.key !== 'string') {
      if (hook === undefined) add(path, `command "${name}" needs a key (or on: node-drain, to run only around a node drain)`);
      return;
    }
    if (!SCOPES.includes(def.scope as string)) return;
    const scope = def.scope as UserCommandScope;
    const clash = builtinKeyClash(scope, def.key);
    if (clash) return add([...path, 'key'], `${clash}; pick another key for "${name}"`);
    const at = `${keyScopeOf(scope)}:${def.key}`;
    const other = keys.get(at);
    if (other) add([...path, 'key'], `"${def.key}" is already the key of command "${other}" there`);
    else keys.set(at, name);
  });
}

/** The typed commands of a file that passed the schema and checkUserCommands. */
export function toUserCommands(raw: unknown): UserCommand[] {
  if (!Array.isArray(raw)) return [];
  return (raw as Obj[]).map((def) => {
    const hook = isObj(def.on) ? (def.on['node-drain'] as 'before' | 'after' | undefined) : undefined;
    const command: UserCommand = {
      name: def.name as string,
      scope: def.scope as UserCommandScope,
      description: (def.description as string | undefined) ?? '',
      command: typeof def.command === 'string' ? [def.command] : [...(def.command as string[])],
      shell: def.shell === true,
      where: (def.where as 'local' | 'lb' | undefined) ?? USER_COMMAND_DEFAULTS.where,
      confirm: (def.confirm as boolean | undefined) ?? USER_COMMAND_DEFAULTS.confirm,
      dangerous: (def.dangerous as boolean | undefined) ?? USER_COMMAND_DEFAULTS.dangerous,
      timeoutMs: ((def.timeout as number | undefined) ?? USER_COMMAND_DEFAULTS.timeoutSec) * 1000,
    };
    if (typeof def.key === 'string') command.key = def.key;
    if (hook) command.nodeDrain = hook;
    return command;
  });
}
