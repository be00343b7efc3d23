// `lbtop find TEXT`: the TUI's `:find` for a script or a shell on the bastion — which LBs carry a server with this
// name, address or hostname. Registered by args.ts; run by src/subcommands/find-command.ts.
import { InvalidArgumentError, type Command } from 'commander';
import type { Invocation, Subcommand } from './args.js';

export type FindInvocation = { kind: 'find'; text: string; json: boolean };

function text(value: string): string {
  if (value.trim() === '' || /[\n\0]/.test(value)) throw new InvalidArgumentError('expected a name, an address or a hostname');
  return value.trim();
}

const find: Subcommand = {
  needsLbs: true,
  register: (program: Command, done: (invocation: Invocation) => void) =>
    program
      .command('find')
      .description('which LBs carry a server with this name, address or hostname (exact matches first)')
      .argument('<TEXT>', 'part of a server name, backend/server, address or hostname; case does not matter', text)
      .option('--json', 'machine-readable output: every match with its LB, cluster, backend, address and hostname')
      .action((t: string, o: { json?: boolean }) => done({ kind: 'find', text: t, json: o.json === true })),
};

export const FIND_SUBCOMMANDS: readonly Subcommand[] = [find];
