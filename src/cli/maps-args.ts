// The map/ACL editor's subcommands: `map` and `acl` (show|add|set|del|replace), registered by args.ts through
// MAPS_SUBCOMMANDS and run by src/subcommands/maps-command.ts. `drift`, `trace` and `certs`, which read the same
// LB files, have their own (drift-args.ts, trace-args.ts, certs-args.ts).
import { Command, Option } from 'commander';
import { collect, oneLine } from './arg-values.js';
import type { Invocation, Subcommand } from './args.js';

export type MapsAction = 'show' | 'add' | 'set' | 'del' | 'replace';
export type MapsInvocation = { kind: 'maps'; table: 'map' | 'acl'; action: MapsAction; file?: string; key?: string; value?: string; lbs: string[]; dryRun: boolean; yes: boolean; json: boolean };

type Done = (invocation: Invocation, lbRefs?: string[]) => void;

function mapsCommand(table: 'map' | 'acl'): Subcommand {
  const forms: [MapsAction, string, string][] = table === 'map'
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
            kind: 'maps', table, action, lbs, dryRun: o.dryRun === true, yes: o.yes === true, json: o.json === true,
            ...(file !== undefined ? { file } : {}), ...(key !== undefined ? { key } : {}), ...(value !== undefined ? { value } : {}),
          }, lbs);
        });
      }
    },
  };
}

export const MAPS_SUBCOMMANDS: readonly Subcommand[] = [mapsCommand('map'), mapsCommand('acl')];

/** Whether an invocation would change an LB (refused in read-only mode unless it is a dry run). */
export function isMapsWrite(inv: { kind: string; action?: string; dryRun?: boolean }): boolean {
  return inv.kind === 'maps' && inv.action !== 'show' && inv.dryRun !== true;
}
