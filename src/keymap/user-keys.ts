// lbtop.yaml's `commands:` as key bindings: the same CommandDef data as the built-ins, so the help screen, the
// footer and --read-only (resolve.ts strips `dangerous` ones) treat them exactly alike. A user key may not take a
// key lbtop already answers to where it would fire: that is refused when the file is loaded (config/user-commands.ts).
import type { UserCommand, UserCommandScope } from '../model/user-command.js';
import { COMMANDS, type CommandDef, type Scope } from './bindings.js';

/** The keymap scope a user command's key lives in: the fleet table for rows, nodes and LBs; VIPS for a VIP. */
export function keyScopeOf(scope: UserCommandScope): Scope {
  return scope === 'vip' ? 'failover' : 'table';
}

/** What a key already does in that scope (its own bindings and the global ones that fire there), or null. */
export function builtinKeyClash(scope: UserCommandScope, key: string): string | null {
  const where = keyScopeOf(scope);
  const def = (COMMANDS as readonly CommandDef[]).find((d) => d.keys.includes(key) && (d.scopes.includes(where) || d.scopes.includes('global')));
  return def ? `"${key}" is already lbtop's key there: ${def.description} (${def.id})` : null;
}

export const userCommandId = (name: string) => `user.${name}` as const;

/** The bindings of the commands that have a key, in file order. */
export function userCommandDefs(commands: readonly UserCommand[]): CommandDef[] {
  return commands
    .filter((c) => c.key !== undefined)
    .map((c) => ({
      id: userCommandId(c.name),
      keys: [c.key!],
      scopes: [keyScopeOf(c.scope)],
      description: `${c.description || c.name} (${c.scope} command: ${c.shell ? c.command[0] : c.command.join(' ')})`,
      ...(c.dangerous ? { dangerous: true } : {}),
      hint: c.name,
    }));
}
