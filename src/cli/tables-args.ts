// The stick-table and peers subcommands: `tables [TABLE]`, `tables clear TABLE --key K`, `peers`. Registered by
// args.ts through TABLES_SUBCOMMANDS; run by src/subcommands/tables-command.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseFilter } from '../sources/haproxy/tables/filter.js';
import type { Invocation, Subcommand } from './args.js';

export type TablesInvocation =
  | { kind: 'tables'; table: string | null; filter: string | null; key: string | null; lbs: string[]; compare: boolean; json: boolean }
  | { kind: 'tables-clear'; table: string; key: string; lbs: string[]; dryRun: boolean; yes: boolean; json: boolean }
  | { kind: 'peers'; lbs: string[]; json: boolean };

type Done = (invocation: Invocation, lbRefs?: string[]) => void;
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Table names are proxy names, or PEERS/TABLE for a table declared in a peers section. */
const tableName = (value: string) => {
  if (!/^[A-Za-z0-9._:/-]+$/.test(value)) throw new InvalidArgumentError('a table name: letters, digits and _ . : / - only');
  return value;
};
const filterText = (value: string) => {
  try {
    parseFilter(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return value;
};

const tables: Subcommand = {
  needsLbs: true,
  register(program: Command, done: Done) {
    const group = program
      .command('tables')
      .description('stick tables per LB (size, used), one table\'s entries (filtered), or the table compared across LBs')
      .argument('[TABLE]', 'a table: its entries on each LB that has it')
      .option('--filter <expr>', "HAProxy's data filter: 'data.<column> <eq|ne|le|ge|lt|gt> <integer>' (a column as the dump prints it)", filterText)
      .option('--key <key>', 'only this key')
      .option('--lb <name>', 'only this LB (repeatable)', collect)
      .option('--compare', 'the table across the LBs that have it: keys missing on some, values that differ (exit 1 when any)')
      .option('--json', 'machine-readable output')
      .action((table: string | undefined, o: { filter?: string; key?: string; lb?: string[]; compare?: boolean; json?: boolean }, cmd: Command) => {
        if (o.compare && !table) cmd.error('error: --compare needs a TABLE', { exitCode: 2 });
        if ((o.filter || o.key) && !table) cmd.error('error: --filter and --key need a TABLE', { exitCode: 2 });
        if (table !== undefined) tableName(table);
        const lbs = o.lb ?? [];
        done({ kind: 'tables', table: table ?? null, filter: o.filter ?? null, key: o.key ?? null, lbs, compare: o.compare === true, json: o.json === true }, lbs);
      });
    group
      .command('clear')
      .description('clear one key of a table on every LB that has the table (or --lb ...), with a preview; verified by reading the key again')
      .argument('<TABLE>', 'the table', tableName)
      .option('--key <key>', 'the key to clear (required)')
      .option('--lb <name>', 'only on this LB (repeatable)', collect)
      .addOption(new Option('--dry-run', 'show the preview, send nothing').conflicts('yes'))
      .option('--yes', 'send without asking (scripts)')
      .option('--json', 'machine-readable result')
      .action((table: string, own: { key?: string; lb?: string[]; dryRun?: boolean; yes?: boolean; json?: boolean }, cmd: Command) => {
        // `tables` has --key, --lb and --json of its own and commander gives them to it wherever they stand on
        // the line: what it took belongs to `clear`.
        const parent = cmd.parent?.opts<{ key?: string; lb?: string[]; json?: boolean }>() ?? {};
        const key = own.key ?? parent.key;
        if (key === undefined) cmd.error("error: required option '--key <key>' not specified", { exitCode: 2 });
        const lbs = [...(parent.lb ?? []), ...(own.lb ?? [])];
        done({ kind: 'tables-clear', table, key: key!, lbs, dryRun: own.dryRun === true, yes: own.yes === true, json: own.json === true || parent.json === true }, lbs);
      });
  },
};

const peers: Subcommand = {
  needsLbs: true,
  register: (program: Command, done: Done) =>
    program
      .command('peers')
      .description('stick-table peers per LB: each peers section, its peers, connected or not, resync finished (exit 1 when not in sync)')
      .option('--lb <name>', 'only this LB (repeatable)', collect)
      .option('--json', 'machine-readable output')
      .action((o: { lb?: string[]; json?: boolean }) => done({ kind: 'peers', lbs: o.lb ?? [], json: o.json === true }, o.lb ?? [])),
};

export const TABLES_SUBCOMMANDS: readonly Subcommand[] = [tables, peers];

export const isTablesWrite = (inv: Invocation) => inv.kind === 'tables-clear' && !inv.dryRun;
