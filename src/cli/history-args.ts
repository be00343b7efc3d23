// `lbtop history` (the audit log as actions, read-only, needs no LB) and `lbtop undo ID` (the way back of one
// of them, re-planned against the LBs now). Registered by args.ts through HISTORY_SUBCOMMANDS; run by
// src/subcommands/history-command.ts.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Invocation, Subcommand } from './args.js';

export type HistoryInvocation =
  | { kind: 'history'; limit: number; json: boolean }
  | { kind: 'undo'; id: string; dryRun: boolean; yes: boolean; json: boolean; skipUnreachable: boolean };

type Done = (invocation: Invocation, lbRefs?: string[]) => void;

function limit(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError('expected a number of actions (0: all)');
  return Number(value);
}

function entryId(value: string): string {
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(value)) throw new InvalidArgumentError('expected an action id from lbtop history');
  return value;
}

const history: Subcommand = {
  needsLbs: false,
  register: (program: Command, done: Done) =>
    program
      .command('history')
      .description('what lbtop changed (the audit log, one line per action, newest first) and whether undo is offered')
      .option('--limit <n>', 'show at most this many actions (default 20; 0: all)', limit)
      .option('--json', 'machine-readable output: every action with its commands and outcome per LB')
      .action((o: { limit?: number; json?: boolean }) => done({ kind: 'history', limit: o.limit ?? 20, json: o.json === true })),
};

const undo: Subcommand = {
  needsLbs: true,
  register: (program: Command, done: Done) =>
    program
      .command('undo')
      .description('put back what an action of lbtop history changed, where nothing changed it since')
      .argument('<ID>', 'the action, as lbtop history lists it (a unique prefix will do)', entryId)
      .addOption(new Option('--dry-run', 'show the plan, send nothing').conflicts('yes'))
      .option('--yes', 'send without asking (scripts)')
      .option('--skip-unreachable', 'apply on the LBs that answer, leaving out the unreachable ones (exit 4)')
      .option('--json', 'machine-readable result')
      .action((id: string, o: { dryRun?: boolean; yes?: boolean; json?: boolean; skipUnreachable?: boolean }) =>
        done({ kind: 'undo', id, dryRun: o.dryRun === true, yes: o.yes === true, json: o.json === true, skipUnreachable: o.skipUnreachable === true })),
};

export const HISTORY_SUBCOMMANDS: readonly Subcommand[] = [history, undo];

export function isUndoWrite(inv: Invocation): boolean {
  return inv.kind === 'undo' && !inv.dryRun;
}
