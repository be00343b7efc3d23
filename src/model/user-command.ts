// A command of the operator's own from lbtop.yaml's `commands:` (k9s plugins), typed. lbtop runs it with the
// selection's values as whole argv words: the values are data, never shell text (a server named `a; rm -rf /`
// stays one word).

/** What a user command acts on; each scope has the variables its selection can give. */
export type UserCommandScope = 'server' | 'node' | 'lb' | 'vip';

export type UserVariable = 'NODE' | 'ADDRESS' | 'BACKEND' | 'SERVER' | 'LB' | 'CLUSTER' | 'VIP';

/** The variables a scope's selection has (a value may still be unknown for one row: then the command says why). */
export const SCOPE_VARIABLES: Readonly<Record<UserCommandScope, readonly UserVariable[]>> = {
  server: ['NODE', 'ADDRESS', 'BACKEND', 'SERVER', 'LB', 'CLUSTER'],
  node: ['NODE', 'ADDRESS', 'LB', 'CLUSTER'],
  lb: ['LB', 'CLUSTER'],
  vip: ['VIP', 'LB', 'CLUSTER'],
};

export const USER_VARIABLES: readonly UserVariable[] = ['NODE', 'ADDRESS', 'BACKEND', 'SERVER', 'LB', 'CLUSTER', 'VIP'];

export interface UserCommand {
  name: string;
  /** Absent for a command that only runs as a node-drain hook. */
  key?: string;
  scope: UserCommandScope;
  description: string;
  /** argv words with $VARIABLES, or (shell) the one sh -c text, its variables passed in the environment. */
  command: readonly string[];
  shell: boolean;
  where: 'local' | 'lb';
  confirm: boolean;
  dangerous: boolean;
  timeoutMs: number;
  nodeDrain?: 'before' | 'after';
}

/** The values of the selection a command runs with; a variable absent here is unknown for that selection. */
export type UserValues = Partial<Record<UserVariable, string>>;
