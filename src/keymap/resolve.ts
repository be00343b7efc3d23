// The keymap as used at run time: lookups per scope, the read-only filter (in one place), and the lists the
// footer and help are generated from.
import { COMMANDS, EXCLUSIVE_SCOPES, TEXT_SCOPES, type CommandDef, type CommandId, type Scope } from './bindings.js';
import { keyLabel, type KeyPress } from './parse-key.js';

export interface Keymap {
  readOnly: boolean;
  /** Bindings in force. */
  active: readonly CommandDef[];
  /** Bindings --read-only took away, kept so a press can say why nothing happens. */
  removed: readonly CommandDef[];
  byScope: ReadonlyMap<Scope, ReadonlyMap<string, CommandDef>>;
  removedByScope: ReadonlyMap<Scope, ReadonlyMap<string, CommandDef>>;
}

export type Resolution =
  | { kind: 'command'; id: CommandId; command: CommandDef }
  | { kind: 'removed'; command: CommandDef }
  | { kind: 'text' }
  | { kind: 'none' };

function index(defs: readonly CommandDef[]): Map<Scope, Map<string, CommandDef>> {
  const out = new Map<Scope, Map<string, CommandDef>>();
  for (const def of defs) {
    for (const scope of def.scopes) {
      let keys = out.get(scope);
      if (!keys) out.set(scope, (keys = new Map()));
      for (const key of def.keys) if (!keys.has(key)) keys.set(key, def);
    }
  }
  return out;
}

export function buildKeymap(options: { readOnly: boolean }, defs: readonly CommandDef[] = COMMANDS): Keymap {
  const active = options.readOnly ? defs.filter((d) => !d.dangerous) : [...defs];
  const removed = options.readOnly ? defs.filter((d) => d.dangerous) : [];
  return { readOnly: options.readOnly, active, removed, byScope: index(active), removedByScope: index(removed) };
}

const EDIT_KEYS = new Set(['backspace', 'delete', 'paste', 'C-u', 'C-w']);

/** What a key press means in a scope: a command, a key read-only removed, text for a field, or nothing. */
export function resolveKey(keymap: Keymap, scope: Scope, key: KeyPress): Resolution {
  const own = lookup(keymap, scope, key.name);
  if (own) return own;
  // In a text field a printable key types; only the field's own bindings and non-printable globals fire.
  if (TEXT_SCOPES.includes(scope) && (key.text !== '' || EDIT_KEYS.has(key.name))) return { kind: 'text' };
  if (scope === 'global' || EXCLUSIVE_SCOPES.includes(scope)) return { kind: 'none' };
  return lookup(keymap, 'global', key.name) ?? { kind: 'none' };
}

function lookup(keymap: Keymap, scope: Scope, name: string): Resolution | null {
  const command = keymap.byScope.get(scope)?.get(name);
  if (command) return { kind: 'command', id: command.id as CommandId, command };
  const removed = keymap.removedByScope.get(scope)?.get(name);
  return removed ? { kind: 'removed', command: removed } : null;
}

const SCOPE_NAMES: Partial<Record<Scope, string>> = { table: 'the fleet views (1–4)', events: 'EVENTS (6)', cli: 'the CLI (5)', help: 'HELP' };

/** Where a key that does nothing here would act, for "why did nothing happen" messages. */
export function boundElsewhere(keymap: Keymap, scope: Scope, name: string): string | null {
  for (const [other, label] of Object.entries(SCOPE_NAMES) as [Scope, string][]) {
    if (other === scope) continue;
    const def = keymap.byScope.get(other)?.get(name);
    if (def) return `${keysOf(def)}: ${def.description.charAt(0).toLowerCase()}${def.description.slice(1)} — in ${label}`;
  }
  return null;
}

/** Keys bound twice where both could fire: within a scope, or in a scope and in global. */
export function findDuplicateKeys(defs: readonly CommandDef[] = COMMANDS): string[] {
  const problems: string[] = [];
  const byScope = new Map<Scope, Map<string, string>>();
  for (const def of defs) {
    for (const scope of def.scopes) {
      let keys = byScope.get(scope);
      if (!keys) byScope.set(scope, (keys = new Map()));
      for (const key of def.keys) {
        const other = keys.get(key);
        if (other && other !== def.id) problems.push(`${scope}: "${key}" is bound to ${other} and ${def.id}`);
        keys.set(key, def.id);
      }
    }
  }
  const global = byScope.get('global') ?? new Map<string, string>();
  for (const [scope, keys] of byScope) {
    if (scope === 'global' || EXCLUSIVE_SCOPES.includes(scope)) continue;
    for (const [key, id] of keys) {
      // In text scopes a printable global is shadowed by typing, by design; only special keys can clash.
      if (TEXT_SCOPES.includes(scope) && [...key].length === 1) continue;
      const other = global.get(key);
      if (other) problems.push(`${scope}: "${key}" is bound to ${id} and to global ${other}`);
    }
  }
  return problems;
}

export interface Hint {
  keys: string;
  label: string;
}

/** Footer hints for a scope: the scope's own first, then the global ones (unless the scope is exclusive). */
export function hintsFor(keymap: Keymap, scope: Scope): Hint[] {
  const own = keymap.active.filter((d) => d.hint && d.scopes.includes(scope));
  const global =
    EXCLUSIVE_SCOPES.includes(scope) || scope === 'global'
      ? []
      : keymap.active.filter(
          (d) => d.hint && d.scopes.includes('global') && !(TEXT_SCOPES.includes(scope) && d.keys.every((k) => [...k].length === 1)),
        );
  return [...own, ...global].map((d) => ({ keys: d.hintKeys ?? keysOf(d, scope), label: d.hint! }));
}

/** The key labels a command is shown with; in a text scope, only the keys that fire there. */
export function keysOf(def: CommandDef, scope?: Scope): string {
  const keys = scope && TEXT_SCOPES.includes(scope) && def.scopes.includes('global') ? def.keys.filter((k) => [...k].length > 1) : def.keys;
  return keys.map(keyLabel).join('/');
}
