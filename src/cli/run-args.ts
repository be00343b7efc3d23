// `lbtop run NAME`: one of lbtop.yaml's `commands:` from a runbook, with the values the TUI would take from the
// selection given as options (--node worker1, --server be/s1 …). Same preview, write path and audit as the key.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { UserValues } from '../model/user-command.js';
import type { Invocation, Subcommand } from './args.js';

export type RunInvocation = { kind: 'run'; name: string; values: UserValues; dryRun: boolean; yes: boolean; json: boolean };

function serverRef(value: string): string {
  if (!/^[^/\s]+\/[^/\s]+$/.test(value)) throw new InvalidArgumentError('expected BACKEND/SERVER');
  return value;
}

const run: Subcommand = {
  needsLbs: true,
  register(program: Command, done) {
    program
      .command('run')
      .description("run one of lbtop.yaml's commands: (user commands) with the values given, after its preview")
      .argument('<NAME>', 'the command, by its name in lbtop.yaml')
      .option('--lb <name>', '$LB (and the host a `where: lb` command runs on)')
      .option('--server <BACKEND/SERVER>', '$BACKEND and $SERVER', serverRef)
      .option('--node <name>', '$NODE')
      .option('--address <ip>', '$ADDRESS')
      .option('--cluster <name>', '$CLUSTER')
      .option('--vip <address>', '$VIP')
      .addOption(new Option('--dry-run', 'show the exact command, run nothing').conflicts('yes'))
      .option('--yes', 'run without asking (scripts)')
      .option('--json', 'machine-readable result (the output too)')
      .action((name: string, o: { lb?: string; server?: string; node?: string; address?: string; cluster?: string; vip?: string; dryRun?: boolean; yes?: boolean; json?: boolean }) => {
        const [backend, server] = o.server?.split('/') ?? [];
        const values: UserValues = Object.fromEntries(
          Object.entries({ LB: o.lb, BACKEND: backend, SERVER: server, NODE: o.node, ADDRESS: o.address, CLUSTER: o.cluster, VIP: o.vip }).filter(([, v]) => v !== undefined),
        );
        done({ kind: 'run', name, values, dryRun: o.dryRun === true, yes: o.yes === true, json: o.json === true }, o.lb ? [o.lb] : []);
      });
  },
};

export const RUN_SUBCOMMANDS: readonly Subcommand[] = [run];

/** Read-only refuses a `dangerous` command (every one not declared `dangerous: false`) unless --dry-run. */
export function runRefusal(inv: Invocation, commands: readonly { name: string; dangerous: boolean }[]): string | null {
  if (inv.kind !== 'run' || inv.dryRun) return null;
  const command = commands.find((c) => c.name === inv.name);
  return command && !command.dangerous ? null : `error: read-only: run ${inv.name} (a dangerous command) can only run with --dry-run`;
}
