// `lbtop certs`: the TLS certificates HAProxy holds, on every LB (run by src/subcommands/certs-command.ts).
import { InvalidArgumentError } from 'commander';
import { collect } from './arg-values.js';
import type { Subcommand } from './args.js';

export type CertsInvocation = { kind: 'certs'; lbs: string[]; json: boolean; warnDays: number };

export const CERTS_SUBCOMMAND: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('certs')
      .description('TLS certificates HAProxy holds (show ssl cert): SANs, expiry, days left; exit 1 if one expires soon')
      .option('--lb <name>', 'only this LB (repeatable)', collect)
      .option('--warn-days <n>', 'days left that count as expiring soon', (v) => {
        if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a number of days');
        return Number(v);
      })
      .option('--json', 'machine-readable output')
      .action((o: { lb?: string[]; json?: boolean; warnDays?: number }) => done({ kind: 'certs', lbs: o.lb ?? [], json: o.json === true, warnDays: o.warnDays ?? 21 }, o.lb ?? [])),
};
