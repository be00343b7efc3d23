// argv → a typed Invocation plus the merged LbtopConfig. Nothing here exits the process or prints: commander's
// exit and output are captured (exitOverride, configureOutput) and come back as { type: 'exit' }, so cli.ts
// decides what to print and tests assert messages and exit codes. A new subcommand (node, snapshot, vip, ...)
// is one file exporting a Subcommand, one entry in SUBCOMMANDS and one member of the Invocation union.
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { resolveConfig, type ConfigFlags, type ResolveContext } from '../config/resolve.js';
import { suggestion } from '../config/schema-issues.js';
import type { LbtopConfig } from '../model/config.js';
import type { AdminTarget } from '../model/haproxy.js';
import { isNodeWrite, NODE_SUBCOMMANDS, type NodeInvocation } from './node-args.js';
import { RUN_SUBCOMMANDS, runRefusal, type RunInvocation } from './run-args.js';
import { FAILOVER_SUBCOMMANDS, isFailoverWrite, type FailoverInvocation } from './failover-args.js';
import { CERTS_SUBCOMMAND, type CertsInvocation } from './certs-args.js';
import { DRIFT_SUBCOMMAND, type DriftInvocation } from './drift-args.js';
import { isMapsWrite, MAPS_SUBCOMMANDS, type MapsInvocation } from './maps-args.js';
import { TRACE_SUBCOMMAND, type TraceInvocation } from './trace-args.js';
import { COMPLETION_SUBCOMMANDS, type CompletionInvocation } from './completion-args.js';
import { isSessionWrite, SESSION_SUBCOMMANDS, type SessionInvocation } from './session-args.js';
import { isTablesWrite, TABLES_SUBCOMMANDS, type TablesInvocation } from './tables-args.js';
import { HISTORY_SUBCOMMANDS, isUndoWrite, type HistoryInvocation } from './history-args.js';
import { FIND_SUBCOMMANDS, type FindInvocation } from './find-args.js';

export interface ServerRef {
  backend: string;
  server: string;
}
/** `set weight` takes an absolute weight (0-256) or a percentage of the configured one ("50%"). */
export interface Weight {
  value: number;
  percent: boolean;
}
/** Neither --dry-run nor --yes: cli.ts asks on a terminal and refuses when stdin is not one. */
export type ServerInvocation = { kind: 'server'; target: ServerRef; lbs: string[]; dryRun: boolean; yes: boolean; json: boolean; skipUnreachable?: boolean } & (
  | { action: AdminTarget }
  | { action: 'weight'; weight: Weight }
);
export type Invocation =
  | { kind: 'tui' }
  | { kind: 'status'; json: boolean }
  | ServerInvocation
  | { kind: 'cli'; lb?: string; command: string }
  | FailoverInvocation
  | { kind: 'demo'; fleet?: number }
  | NodeInvocation
  | RunInvocation
  | MapsInvocation
  | DriftInvocation
  | TraceInvocation
  | CertsInvocation
  | SessionInvocation
  | TablesInvocation
  | CompletionInvocation
  | HistoryInvocation
  | FindInvocation;

export interface Subcommand {
  /** False when the run brings its own LBs (demo): no config file or socket is required. */
  needsLbs: boolean;
  /** Adds the command to `program`; its action calls `done` with the invocation and the LB names it names. */
  register(program: Command, done: (invocation: Invocation, lbRefs?: string[]) => void): void;
}

export type ParsedCommandLine =
  | { type: 'parsed'; invocation: Invocation; flags: ConfigFlags; needsLbs: boolean; lbRefs: string[] }
  | { type: 'exit'; code: number; stdout: string; stderr: string };
export type ArgsOutcome =
  /** `lbRefs`: the LBs the command names (--lb …); empty when it is about all of them. */
  | { type: 'run'; invocation: Invocation; config: LbtopConfig; warnings: string[]; lbRefs: string[] }
  | { type: 'exit'; code: number; stdout: string; stderr: string };

/** Usage errors exit 2 (commander's own default is 1); help and --version exit 0. */
const USAGE = EXIT.REFUSED;
// No default array: commander would print "(default: [])" in the help.
const collect = (value: string, previous: string[] = []) => [...previous, value];
const NAME = /^[A-Za-z0-9._:-]+$/; // HAProxy's allowed characters for proxy and server names

function parseTarget(value: string): ServerRef {
  const [backend = '', server = '', ...rest] = value.split('/');
  if (rest.length || !NAME.test(backend) || !NAME.test(server)) {
    throw new InvalidArgumentError('expected BACKEND/SERVER, e.g. k8s_https_lb_backend/worker1');
  }
  return { backend, server };
}

function parseWeight(value: string): Weight {
  const m = /^(\d{1,3})(%?)$/.exec(value);
  const weight = { value: Number(m?.[1]), percent: m?.[2] === '%' };
  if (!m || weight.value > (weight.percent ? 100 : 256)) {
    throw new InvalidArgumentError('expected 0 to 256, or 0% to 100% of the configured weight');
  }
  return weight;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number of seconds');
  return n; // the range is the schema's, checked with the config
}

const status: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('status')
      .description('print every LB, backend and server once, then exit')
      .option('--json', 'machine-readable output')
      .action((o: { json?: boolean }) => done({ kind: 'status', json: o.json === true })),
};

const server: Subcommand = {
  needsLbs: true,
  register(program, done) {
    const group = program.command('server').description('change a server on every LB that has it (or --lb ...)');
    const forms: [AdminTarget | 'weight', string][] = [
      ['ready', 'put the server back in rotation'],
      ['drain', 'stop new connections, keep established ones'],
      ['maint', 'take the server out (maintenance)'],
      ['weight', 'set the weight (absolute or N%)'],
    ];
    for (const [action, description] of forms) {
      const cmd = group
        .command(action)
        .description(description)
        .addArgument(new Argument('<BACKEND/SERVER>').argParser(parseTarget));
      if (action === 'weight') cmd.addArgument(new Argument('<VALUE>', '0-256 or N%').argParser(parseWeight));
      cmd
        .option('--lb <name>', 'only on this LB (repeatable)', collect)
        .addOption(new Option('--dry-run', 'show the commands, send nothing').conflicts('yes'))
        .option('--yes', 'send without asking (scripts)')
        .option('--skip-unreachable', 'apply on the LBs that answer, leaving out the unreachable ones (exit 4)')
        .option('--json', 'machine-readable result')
        .action((...args: unknown[]) => {
          type Opts = { lb?: string[]; dryRun?: boolean; yes?: boolean; json?: boolean; skipUnreachable?: boolean };
          const o = args[action === 'weight' ? 2 : 1] as Opts;
          // No interactive confirm outside the TUI: a script must say which of the two it means.
          const lbs = o.lb ?? [];
          const target = args[0] as ServerRef;
          const common = { kind: 'server', target, lbs, dryRun: o.dryRun === true, yes: o.yes === true, json: o.json === true, skipUnreachable: o.skipUnreachable === true } as const;
          done(action === 'weight' ? { ...common, action, weight: args[1] as Weight } : { ...common, action }, lbs);
        });
    }
  },
};

const cli: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('cli')
      .description('send one runtime-API command and print the reply; quote it: lbtop cli "show stat -1 4 -1"')
      .argument('<COMMAND...>')
      .option('--lb <name>', 'the LB to send it to')
      // HAProxy commands have dash words of their own ("show stat -1 4 -1"): they belong to COMMAND.
      .allowUnknownOption()
      .action((words: string[], o: { lb?: string }, cmd: Command) => {
        const command = words.join(' ');
        if (/[\r\n\0]/.test(command)) cmd.error('error: COMMAND must be a single line', { exitCode: USAGE });
        done({ kind: 'cli', command, ...(o.lb !== undefined ? { lb: o.lb } : {}) }, o.lb !== undefined ? [o.lb] : []);
      }),
};

/** LBs of `demo --fleet`: each is an sshd and an HAProxy in a namespace, so a laptop's worth at most. */
const DEFAULT_FLEET_LBS = 3;
const MAX_FLEET_LBS = 50;

function parseFleetSize(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_FLEET_LBS) throw new InvalidArgumentError(`expected 1 to ${MAX_FLEET_LBS} LBs`);
  return n;
}

const demo: Subcommand = {
  needsLbs: false,
  register: (program, done) =>
    program
      .command('demo')
      .description('start the built-in lab and open the TUI on it')
      .option('--fleet [LBS]', `LBs in network namespaces reached over SSH (root; default ${DEFAULT_FLEET_LBS})`, parseFleetSize)
      .action((o: { fleet?: number | true }) =>
        done(o.fleet === undefined ? { kind: 'demo' } : { kind: 'demo', fleet: o.fleet === true ? DEFAULT_FLEET_LBS : o.fleet }),
      ),
};

export const SUBCOMMANDS: readonly Subcommand[] = [status, server, cli, demo, ...NODE_SUBCOMMANDS, ...RUN_SUBCOMMANDS, ...FAILOVER_SUBCOMMANDS, ...MAPS_SUBCOMMANDS, DRIFT_SUBCOMMAND, TRACE_SUBCOMMAND, CERTS_SUBCOMMAND, ...SESSION_SUBCOMMANDS, ...TABLES_SUBCOMMANDS, ...HISTORY_SUBCOMMANDS, ...FIND_SUBCOMMANDS, ...COMPLETION_SUBCOMMANDS];

/**
 * The command line as commander sees it: global options and every subcommand, each calling `done` when it is the
 * one parsed. The man page (scripts/man-page.mjs) and the shell completions (completion-*.ts) walk the same tree,
 * so what they list is what parses.
 */
export function buildProgram(
  version: string | undefined,
  done: (sub: Subcommand, invocation: Invocation, lbRefs?: string[]) => void,
  output: { writeOut(s: string): void; writeErr(s: string): void } = { writeOut: () => {}, writeErr: () => {} },
): Command {
  // Commander copies these settings into each subcommand when it is added: they come first.
  const program = new Command('lbtop')
    .exitOverride()
    .configureOutput(output)
    .showHelpAfterError('(run lbtop --help for usage)')
    .description('HAProxy load balancers in front of Kubernetes, in a terminal')
    .option('-c, --config <file>', 'config file (default: $XDG_CONFIG_HOME/lbtop/config.yaml)')
    .option('-s, --socket <path>', 'HAProxy stats socket, [NAME=]PATH (repeatable; replaces the file\'s lbs)', collect)
    .option('-i, --interval <seconds>', 'seconds between polls', parseSeconds)
    .option('-n, --read-only', 'refuse every action that changes an LB')
    .option('--theme <name>', 'dark, light, mono or a theme .yaml file')
    .option('--inventory <file>', 'Ansible inventory (INI or YAML): its hosts are LBs over ssh')
    .option('--group <name>', 'only the inventory hosts of this group (repeatable)', collect)
    .option('--accept-new', 'record unknown SSH host keys (StrictHostKeyChecking=accept-new); a changed key is still refused');
  if (version) program.version(version);
  program.addHelpText('after', EXIT_CODES_HELP);
  for (const sub of SUBCOMMANDS) sub.register(program, (invocation, lbRefs) => done(sub, invocation, lbRefs));
  return program;
}

/** argv (without node and the script) → invocation and flags. No I/O. */
export function parseCommandLine(argv: readonly string[], version?: string): ParsedCommandLine {
  let stdout = '';
  let stderr = '';
  let parsed: { invocation: Invocation; needsLbs: boolean; lbRefs: string[] } | undefined;
  const program = buildProgram(version, (sub, invocation, lbRefs = []) => (parsed = { invocation, needsLbs: sub.needsLbs, lbRefs }), {
    writeOut: (s) => void (stdout += s),
    writeErr: (s) => void (stderr += s),
  });
  // Set after the subcommands so they do not inherit it: an unknown word here is a mistyped command.
  program.allowExcessArguments().action(() => {
    const [word] = program.args;
    if (word !== undefined) {
      const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
      program.error(`error: unknown command '${word}'${suggestion(word, names)}`, { exitCode: USAGE });
    }
    parsed = { invocation: { kind: 'tui' }, needsLbs: true, lbRefs: [] };
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { type: 'exit', code: error.exitCode === 0 ? 0 : USAGE, stdout, stderr };
  }
  type Globals = { config?: string; socket?: string[]; interval?: number; readOnly?: boolean; theme?: string; inventory?: string; group?: string[]; acceptNew?: boolean };
  const g = program.opts<Globals>();
  const flags: ConfigFlags = {
    sockets: g.socket ?? [],
    ...(g.config !== undefined ? { configPath: g.config } : {}),
    ...(g.interval !== undefined ? { interval: g.interval } : {}),
    ...(g.readOnly ? { readOnly: true } : {}),
    ...(g.theme !== undefined ? { theme: g.theme } : {}),
    ...(g.inventory !== undefined ? { inventory: g.inventory, groups: g.group ?? [] } : {}),
    ...(g.acceptNew ? { acceptNew: true } : {}),
  };
  return { type: 'parsed', ...parsed!, flags };
}

/** The whole front door: argv → invocation and the config it runs with (file + -s sockets + flags). */
export async function parseArgs(
  argv: readonly string[],
  ctx: ResolveContext & { version?: string },
): Promise<ArgsOutcome> {
  const line = parseCommandLine(argv, ctx.version);
  if (line.type === 'exit') return line;
  const fail = (lines: string[]) =>
    ({ type: 'exit', code: USAGE, stdout: '', stderr: lines.map((l) => `${l}\n`).join('') }) as const;
  const resolved = await resolveConfig(line.flags, ctx, { needsLbs: line.needsLbs });
  if (!resolved.ok) return fail(resolved.errors);
  const known = resolved.config.lbs.map((lb) => lb.name);
  const unknown = line.lbRefs.filter((name) => !known.includes(name));
  if (unknown.length) return fail([`error: unknown LB ${unknown.join(', ')} (configured: ${known.join(', ')})`]);
  const inv = line.invocation;
  // Read-only is enforced here once, whichever way it was set (-n or read_only: in the file).
  if (resolved.config.readOnly && isFailoverWrite(inv)) return fail(['error: read-only: vip move and bgp disable|enable can only run with --dry-run']);
  if (resolved.config.readOnly && inv.kind === 'server' && !inv.dryRun) {
    return fail([`error: read-only: server ${inv.action} can only run with --dry-run`]);
  }
  if (resolved.config.readOnly && isNodeWrite(inv)) return fail(['error: read-only: node drain/maint/ready can only run with --dry-run']);
  const refusedRun = resolved.config.readOnly ? runRefusal(inv, resolved.config.commands ?? []) : null;
  if (refusedRun) return fail([refusedRun]);
  if (resolved.config.readOnly && isSessionWrite(inv)) return fail(['error: read-only: sessions kill can only run with --dry-run']);
  if (resolved.config.readOnly && isMapsWrite(inv)) return fail(['error: read-only: map/acl edits can only run with --dry-run']);
  if (resolved.config.readOnly && isTablesWrite(inv)) return fail(['error: read-only: tables clear can only run with --dry-run']);
  if (resolved.config.readOnly && isUndoWrite(inv)) return fail(['error: read-only: undo can only run with --dry-run']);
  return { type: 'run', invocation: inv, config: resolved.config, warnings: resolved.warnings, lbRefs: line.lbRefs };
}
