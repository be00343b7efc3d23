// The failover subcommands: `vip status|move` and `bgp disable|enable`. Registered by args.ts through
// FAILOVER_SUBCOMMANDS; run by src/subcommands/failover-command.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Invocation, Subcommand } from './args.js';

export type FailoverInvocation =
  | { kind: 'vip-status'; json: boolean }
  | { kind: 'vip-move'; target: string; to: string; method?: 'track-file' | 'priority' | 'stop'; force: boolean; dryRun: boolean; yes: boolean; back: boolean; json: boolean }
  | { kind: 'bgp'; action: 'disable' | 'enable'; lb: string; protocol: string; reason: string; dryRun: boolean; yes: boolean };

type Done = (invocation: Invocation, lbRefs?: string[]) => void;

const word = (what: string) => (value: string) => {
  if (!/^[A-Za-z0-9_.:/-]+$/.test(value)) throw new InvalidArgumentError(`${what}: letters, digits and _ . : / - only`);
  return value;
};

const vip: Subcommand = {
  needsLbs: true,
  register(program: Command, done: Done) {
    const group = program.command('vip').description('who holds each VIP (keepalived, heartbeat) and moving one with a preview');
    group
      .command('status')
      .description('every VRRP instance / heartbeat group per LB, with the kernels\' answer; exit 1 on an alarm')
      .option('--json', 'machine-readable output')
      .action((o: { json?: boolean }) => done({ kind: 'vip-status', json: o.json === true }));
    group
      .command('move')
      .description('move a VIP (or every VIP of an instance, or of an LB) to another LB; confirm by typing the cluster (or LB) name')
      .argument('<VIP|INSTANCE|LB>', 'a VIP address, a VRRP instance / haresources group name, or an LB (all the VIPs it holds)', word('VIP|INSTANCE|LB'))
      .requiredOption('--to <lb>', 'the LB that should hold it')
      .addOption(new Option('--method <method>', 'instead of the preferred one').choices(['track-file', 'priority', 'stop']))
      .option('--force', "move even if the target's HAProxy has an affected backend not UP")
      .option('--back', 'after the move, take the way back at once (a round trip, for drills)')
      .option('--json', 'machine-readable report')
      .addOption(new Option('--dry-run', 'show the preview, change nothing').conflicts('yes'))
      .option('--yes', 'apply without asking (scripts)')
      .action((target: string, o: { to: string; method?: 'track-file' | 'priority' | 'stop'; force?: boolean; back?: boolean; json?: boolean; dryRun?: boolean; yes?: boolean }) =>
        done(
          { kind: 'vip-move', target, to: o.to, ...(o.method ? { method: o.method } : {}), force: o.force === true, back: o.back === true, json: o.json === true, dryRun: o.dryRun === true, yes: o.yes === true },
          [o.to],
        ),
      );
  },
};

const bgp: Subcommand = {
  needsLbs: true,
  register(program: Command, done: Done) {
    const group = program.command('bgp').description('BIRD protocols: take a box out of BGP (routes withdrawn) and back');
    for (const action of ['disable', 'enable'] as const) {
      group
        .command(action)
        .description(action === 'disable' ? 'disable a protocol: its routes are withdrawn from the peer' : 'enable a disabled protocol again')
        .argument('<HOST>', 'the LB name')
        .argument('<PROTOCOL>', 'the BIRD protocol name (lbtop vip status / the BGP view lists them)', word('PROTOCOL'))
        .requiredOption('--reason <text>', 'why: BIRD shows it, a BGP peer logs it')
        .addOption(new Option('--dry-run', 'show the command, send nothing').conflicts('yes'))
        .option('--yes', 'apply without asking (scripts)')
        .action((lb: string, protocol: string, o: { reason: string; dryRun?: boolean; yes?: boolean }) =>
          done({ kind: 'bgp', action, lb, protocol, reason: o.reason, dryRun: o.dryRun === true, yes: o.yes === true }, [lb]),
        );
    }
  },
};

export const FAILOVER_SUBCOMMANDS: readonly Subcommand[] = [vip, bgp];

export function isFailoverWrite(inv: Invocation): boolean {
  return (inv.kind === 'vip-move' || inv.kind === 'bgp') && !inv.dryRun;
}
