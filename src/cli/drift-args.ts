// `lbtop drift`: what a reload would revert, on every LB (run by src/subcommands/drift-command.ts).
import { collect } from './arg-values.js';
import type { Subcommand } from './args.js';

export type DriftInvocation = { kind: 'drift'; lbs: string[]; json: boolean };

export const DRIFT_SUBCOMMAND: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('drift')
      .description('what a reload would revert: map/ACL entries and server states that differ between runtime and disk')
      .option('--lb <name>', 'only this LB (repeatable)', collect)
      .option('--json', 'machine-readable output')
      .action((o: { lb?: string[]; json?: boolean }) => done({ kind: 'drift', lbs: o.lb ?? [], json: o.json === true }, o.lb ?? [])),
};
