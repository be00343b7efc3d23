// `lbtop node drain|maint|ready NAME`, `lbtop nodes` and `lbtop snapshot --out FILE`. Registered by args.ts through
// NODE_SUBCOMMANDS; run by src/subcommands/node-command.ts, nodes-command.ts and snapshot-command.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Invocation, Subcommand } from './args.js';

export type NodeInvocation =
  | { kind: 'node'; action: 'drain' | 'maint' | 'ready'; node: string; cluster?: string; wait: boolean; timeoutSec: number; dryRun: boolean; yes: boolean; json: boolean; skipUnreachable?: boolean }
  | { kind: 'snapshot'; out: string }
  | { kind: 'nodes'; json: boolean };

type Done = (invocation: Invocation, lbRefs?: string[]) => void;

// A server name (HAProxy's characters), a hostname or an address (IPv6 possibly in brackets).
const NODE = /^[A-Za-z0-9._:[\]-]+$/;

function nodeName(value: string): string {
  if (!NODE.test(value)) throw new InvalidArgumentError('expected a server name, hostname or address, e.g. worker1 or 10.0.0.21');
  // A node is a machine, every port of it: "10.0.0.21:80" would silently mean less than the operator typed.
  if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value) || /^\[.*\]:\d+$/.test(value)) {
    throw new InvalidArgumentError('a node is a machine: give its address without a port (every server at that address is part of it)');
  }
  return value;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new InvalidArgumentError('expected seconds, from 1 to 86400');
  return n;
}

const node: Subcommand = {
  needsLbs: true,
  register(program: Command, done: Done) {
    const group = program.command('node').description('a node (a machine: every server at its address) on every backend of every LB');
    const forms: ['drain' | 'maint' | 'ready', string][] = [
      ['drain', 'stop new sessions to the node everywhere; --wait follows sessions and queue down to zero'],
      ['maint', 'take the node out everywhere (maintenance)'],
      ['ready', 'restore the states the node had before lbtop drained it (else ready everywhere)'],
    ];
    for (const [action, description] of forms) {
      group
        .command(action)
        .description(description)
        .argument('<NODE>', 'the machine: its address, a server name or a hostname (a name on several machines is refused; pick with --cluster or the address), or a Kubernetes node BIRD learns pod prefixes from (lbtop nodes)', nodeName)
        .option('--cluster <name>', 'only the backends of this cluster, or the LBs of this inventory group')
        .option('--wait', 'after a drain, show sessions and queue until they reach zero')
        .option('--timeout <seconds>', 'give up waiting after this long (default 300)', seconds)
        .addOption(new Option('--dry-run', 'show the plan, send nothing').conflicts('yes'))
        .option('--yes', 'send without asking (scripts)')
        .option('--skip-unreachable', 'apply on the LBs that answer, leaving out the unreachable ones (exit 4)')
        .option('--json', 'machine-readable result')
        .action((name: string, o: { cluster?: string; wait?: boolean; timeout?: number; dryRun?: boolean; yes?: boolean; json?: boolean; skipUnreachable?: boolean }) =>
          done({
            kind: 'node',
            action,
            node: name,
            ...(o.cluster !== undefined ? { cluster: o.cluster } : {}),
            wait: o.wait === true,
            timeoutSec: o.timeout ?? 300,
            dryRun: o.dryRun === true,
            yes: o.yes === true,
            json: o.json === true,
            skipUnreachable: o.skipUnreachable === true,
          }),
        );
    }
  },
};

const snapshot: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('snapshot')
      .description('poll every LB once and write the state, drift and events to FILE (JSON) and FILE.txt')
      .requiredOption('--out <file>', 'where to write (JSON; the readable text goes next to it as .txt)')
      .action((o: { out: string }) => done({ kind: 'snapshot', out: o.out })),
};

// Kubernetes nodes through BGP (seed 004): read-only, so no --dry-run/--yes.
const nodes: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('nodes')
      .description('Kubernetes nodes through BGP: the peers BIRD on the LBs learns pod prefixes from, the LBs that learn them and the servers (pods) inside')
      .option('--json', 'machine-readable result')
      .action((o: { json?: boolean }) => done({ kind: 'nodes', json: o.json === true })),
};

export const NODE_SUBCOMMANDS: readonly Subcommand[] = [node, nodes, snapshot];

export function isNodeWrite(inv: Invocation): boolean {
  return inv.kind === 'node' && !inv.dryRun;
}
