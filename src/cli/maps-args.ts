// The routing editor's subcommands: `map` and `acl` (show|add|set|del|replace), `drift`, `trace`, `certs`.
// Registered by args.ts through ROUTING_SUBCOMMANDS; run by src/subcommands/routing-command.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Invocation, Subcommand } from './args.js';

export type PatternAction = 'show' | 'add' | 'set' | 'del' | 'replace';
export type RoutingInvocation =
  | { kind: 'pattern'; table: 'map' | 'acl'; action: PatternAction; file?: string; key?: string; value?: string; lbs: string[]; dryRun: boolean; yes: boolean; json: boolean }
  | { kind: 'drift'; lbs: string[]; json: boolean }
  | { kind: 'trace'; target: string; sni: boolean; frontend?: string; lbs: string[]; json: boolean; brief: boolean }
  | { kind: 'certs'; lbs: string[]; json: boolean; warnDays: number };

const collect = (value: string, previous: string[] = []) => [...previous, value];
type Done = (invocation: Invocation, lbRefs?: string[]) => void;

function oneLine(what: string) {
  return (value: string) => {
    if (/[\r\n\0]/.test(value)) throw new InvalidArgumentError(`${what} must be a single line without NUL`);
    return value;
  };
}

function patternCommand(table: 'map' | 'acl'): Subcommand {
  const forms: [PatternAction, string, string][] = table === 'map'
    ? [
        ['show', '[MAPFILE]', 'list the maps, or the entries of one, and where the config uses it'],
        ['add', '<MAPFILE> <KEY> <VALUE>', 'add an entry (on every LB that has the map)'],
        ['set', '<MAPFILE> <KEY> <VALUE>', 'change the value of an entry'],
        ['del', '<MAPFILE> <KEY>', 'delete an entry'],
        ['replace', '<MAPFILE> [SOURCE]', 'replace every entry with those of SOURCE (a file, or - / nothing for stdin)'],
      ]
    : [
        ['show', '[ACLFILE]', 'list the ACL files, or the patterns of one, and where the config uses it'],
        ['add', '<ACLFILE> <PATTERN>', 'add a pattern (on every LB that has the file)'],
        ['del', '<ACLFILE> <PATTERN>', 'delete a pattern'],
        ['replace', '<ACLFILE> [SOURCE]', 'replace every pattern with those of SOURCE (a file, or - / nothing for stdin)'],
      ];
  return {
    needsLbs: true,
    register(program: Command, done: Done) {
      const group = program.command(table).description(`${table === 'map' ? 'maps' : 'ACL files'} on every LB that has them, edited live and on disk with a preview`);
      for (const [action, args, description] of forms) {
        const cmd = group.command(`${action} ${args}`).description(description);
        cmd.option('--lb <name>', 'only on this LB (repeatable)', collect).option('--json', 'machine-readable output');
        if (action !== 'show') cmd.addOption(new Option('--dry-run', 'show the preview, send and write nothing').conflicts('yes')).option('--yes', 'apply without asking (scripts)');
        cmd.action((...all: unknown[]) => {
          const positional = all.slice(0, -2) as (string | undefined)[];
          const o = all[all.length - 2] as { lb?: string[]; json?: boolean; dryRun?: boolean; yes?: boolean };
          const [file, key, value] = positional.map((p) => (p === undefined ? undefined : oneLine('an argument')(p)));
          const lbs = o.lb ?? [];
          done({
            kind: 'pattern', table, action, lbs, dryRun: o.dryRun === true, yes: o.yes === true, json: o.json === true,
            ...(file !== undefined ? { file } : {}), ...(key !== undefined ? { key } : {}), ...(value !== undefined ? { value } : {}),
          }, lbs);
        });
      }
    },
  };
}

const drift: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('drift')
      .description('what a reload would revert: map/ACL entries and server states that differ between runtime and disk')
      .option('--lb <name>', 'only this LB (repeatable)', collect)
      .option('--json', 'machine-readable output')
      .action((o: { lb?: string[]; json?: boolean }) => done({ kind: 'drift', lbs: o.lb ?? [], json: o.json === true }, o.lb ?? [])),
};

const trace: Subcommand = {
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

const certs: Subcommand = {
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

export const ROUTING_SUBCOMMANDS: readonly Subcommand[] = [patternCommand('map'), patternCommand('acl'), drift, trace, certs];

/** Whether an invocation would change an LB (refused in read-only mode unless it is a dry run). */
export function isRoutingWrite(inv: { kind: string; action?: string; dryRun?: boolean }): boolean {
  return inv.kind === 'pattern' && inv.action !== 'show' && inv.dryRun !== true;
}
