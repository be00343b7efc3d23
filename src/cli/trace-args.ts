// `lbtop trace HOST[:PORT][/PATH]`: where a request goes on every LB (run by src/subcommands/trace-command.ts).
import { collect, oneLine } from './arg-values.js';
import type { Subcommand } from './args.js';

export type TraceInvocation = { kind: 'trace'; target: string; sni: boolean; frontend?: string; lbs: string[]; json: boolean; brief: boolean };

export const TRACE_SUBCOMMAND: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('trace <HOST[:PORT][/PATH]>')
      .description('where does this request go? frontend, ACLs, map entries and backend on every LB')
      .option('--sni', 'also trace it as a TLS SNI (TCP frontends routing on req.ssl_sni)')
      .option('--frontend <name>', 'only this frontend')
      .option('--lb <name>', 'only this LB (repeatable)', collect)
      .option('--brief', 'the outcome per frontend only, without the why')
      .option('--json', 'machine-readable output')
      .action((target: string, o: { sni?: boolean; frontend?: string; lb?: string[]; brief?: boolean; json?: boolean }) =>
        done({ kind: 'trace', target: oneLine('HOST')(target), sni: o.sni === true, lbs: o.lb ?? [], json: o.json === true, brief: o.brief === true, ...(o.frontend ? { frontend: o.frontend } : {}) }, o.lb ?? [])),
};
