// Composition root: argv and config → transports, store, actions → the TUI or a subcommand.
import { createInterface } from 'node:readline/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs, type Invocation } from './cli/args.js';
import { exitWhenFlushed, guardStdio } from './cli/stdio.js';
import { applyPlan, rollbackReport } from './actions/apply.js';
import { defaultAuditPath, openAuditLog } from './actions/audit-log.js';
import { formatPlan, formatReport } from './actions/preview-text.js';
import { planServerAdmin, planServerWeight } from './actions/server-admin.js';
import { statusJson } from './commands/status-json.js';
import { statusText } from './commands/status-text.js';
import { runFailoverCommand } from './commands/failover-command.js';
import { fleetFailoverRuntime } from './runtime/failover-wiring.js';
import { createFailoverServices } from './runtime/failover-ui-services.js';
import type { LbtopConfig } from './model/config.js';
import { checkRawCommand } from './sources/haproxy/command.js';
import { createFleetRuntime, type FleetRuntime } from './runtime/fleet-runtime.js';
import { PassphrasePrompts } from './runtime/passphrase-prompts.js';
import { answerOnTerminal } from './runtime/terminal-passphrase.js';
import { connectSshHosts } from './runtime/ssh-connectors.js';
import { buildFleet, FleetBuilder, polledServerStates } from './store/selectors.js';
import { startDemo, startFleetDemo } from './runtime/demo.js';
import { runNodeCommand } from './commands/node-command.js';
import { nodeServices } from './commands/node-services.js';
import { rollbackFanout } from './actions/apply-fanout.js';
import { fleetRoutingDeps } from './runtime/routing-runtime.js';
import { createRoutingServices } from './runtime/routing-ui-services.js';
import { runRoutingCommand } from './commands/routing-command.js';
import { Readable } from 'node:stream';
import { runRawCommand } from './actions/raw-command.js';
import { EXIT, exitCodeOf, exitCodeOfError } from './cli/exit-codes.js';
import { refuseUnreachable } from './commands/unreachable-text.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function main(argv: string[]): Promise<number> {
  const outcome = await parseArgs(argv, { env: process.env, home: os.homedir(), cwd: process.cwd(), version: VERSION });
  if (outcome.type === 'exit') {
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    return outcome.code;
  }
  for (const warning of outcome.warnings) process.stderr.write(`${warning}\n`);
  const { invocation } = outcome;
  if (invocation.kind === 'demo') {
    const starting = () => process.stderr.write(`lbtop: starting the namespace fleet lab (${invocation.fleet} LBs over SSH)…\n`);
    const demo = invocation.fleet ? await startFleetDemo(outcome.config, invocation.fleet, { starting }) : await startDemo(outcome.config);
    try {
      return await runInteractive(demo.config, demo.runtime, demo.banner);
    } finally {
      // Our connections go first, then the lab (for the fleet lab: its sshd, HAProxy and namespaces).
      demo.runtime.stop();
      await demo.stop();
    }
  }
  // An encrypted SSH key's passphrase: the TUI asks in a masked dialog, a subcommand on the terminal (stderr, no
  // echo), or says to use ssh-agent when there is no terminal. Either way once per key file.
  const prompts = new PassphrasePrompts();
  // stdin is only touched when a key asks (a getter: process.stdin makes its stream on first use).
  if (invocation.kind !== 'tui') answerOnTerminal(prompts, { get input() { return process.stdin; }, output: process.stderr });
  const runtime = createFleetRuntime(outcome.config, { ssh: { askPassphrase: prompts.ask } });
  try {
    if (invocation.kind !== 'tui') {
      const named = outcome.config.lbs.filter((lb) => outcome.lbRefs.length === 0 || outcome.lbRefs.includes(lb.name));
      await connectSshHosts(runtime.ssh, named);
    }
    return await run(invocation, outcome.config, runtime, invocation.kind === 'tui' ? prompts : undefined);
  } finally {
    prompts.close();
    runtime.stop();
  }
}

async function run(invocation: Invocation, config: LbtopConfig, runtime: FleetRuntime, prompts?: PassphrasePrompts): Promise<number> {
  const audit = openAuditLog(defaultAuditPath());
  const deps = { clients: runtime.clients, audit };
  switch (invocation.kind) {
    case 'tui':
    case 'demo':
      return runInteractive(config, runtime, undefined, prompts);
    case 'status': {
      await runtime.refresh();
      const fleet = buildFleet(config, runtime.store.getState().lbs);
      process.stdout.write(invocation.json ? `${JSON.stringify(statusJson(fleet), null, 2)}\n` : `${statusText(fleet)}\n`);
      return fleet.lbs.every((lb) => lb.ok) ? 0 : 1;
    }
    case 'cli': {
      const lbs = invocation.lb ? [invocation.lb] : config.lbs.map((lb) => lb.name);
      checkRawCommand(invocation.command);
      let code: number = EXIT.OK;
      for (const lb of lbs) {
        // Reads go straight out; writes the write path's way (read-only refuses, a lost reply is UNKNOWN).
        const result = await runRawCommand(deps, lb, invocation.command);
        const head = lbs.length > 1 ? `== ${lb}\n` : '';
        switch (result.status) {
          case 'answered':
            process.stdout.write(`${head}${result.reply}`);
            break;
          case 'failed':
            process.stderr.write(`${lb}: FAILED: ${result.error}\n`);
            code = Math.max(code, EXIT.FAILED);
            break;
          case 'landed':
            process.stderr.write(`${lb}: reply lost (${result.error}), but HAProxy shows it applied: ${result.detail}\n`);
            break;
          case 'unknown':
            process.stderr.write(`${lb}: UNKNOWN: ${result.error}\n  the command may have been carried out: look at the LB before sending it again\n`);
            code = EXIT.UNKNOWN;
            break;
        }
      }
      return code;
    }
    case 'vip-status':
    case 'vip-move':
    case 'bgp': {
      const failover = fleetFailoverRuntime(config, runtime);
      try {
        return await runFailoverCommand(invocation, {
          config,
          failover,
          fleet: async () => (await runtime.refresh(), buildFleet(config, runtime.store.getState().lbs)),
          audit,
          askWord,
          out: (text) => process.stdout.write(text),
          err: (text) => process.stderr.write(text),
        });
      } finally {
        failover.stop();
      }
    }
    case 'server': {
      await runtime.refresh();
      const fleet = buildFleet(config, runtime.store.getState().lbs);
      const target = { backend: invocation.target.backend, server: invocation.target.server, lbs: invocation.lbs };
      const plan =
        invocation.action === 'weight'
          ? planServerWeight(fleet, target, invocation.weight.percent ? { percent: invocation.weight.value } : invocation.weight.value)
          : planServerAdmin(fleet, target, invocation.action);
      process.stdout.write(`${formatPlan(plan)}\n`);
      // A weight the backend's algorithm cannot take: refused here, nothing sent (static-weight.ts).
      if (plan.refused?.length) {
        process.stderr.write(`REFUSED before sending:\n${plan.refused.map((r) => `  ${r}\n`).join('')}Nothing was sent.\n`);
        return EXIT.REFUSED;
      }
      const refused = refuseUnreachable(plan, invocation.skipUnreachable === true, (t) => process.stderr.write(t));
      if (refused !== null) return refused;
      if (invocation.dryRun) return plan.commands.length > 0 ? EXIT.OK : EXIT.FAILED;
      if (plan.commands.length === 0) return EXIT.FAILED;
      if (!invocation.yes && !(await confirm('Send these commands?'))) {
        process.stdout.write('Nothing sent.\n');
        return EXIT.FAILED;
      }
      const report = await applyPlan(plan, deps);
      process.stdout.write(`${formatReport(report)}\n`);
      let undone = null;
      if (report.rollbackOffered.length > 0 && (invocation.yes || (await confirm('Roll back the LBs that changed?')))) {
        undone = await rollbackReport(report, deps);
        process.stdout.write(`${formatReport(undone)}\n`);
      }
      if (invocation.json) process.stdout.write(`${JSON.stringify({ outcomes: report.outcomes, leftOut: report.leftOut, rollback: undone?.outcomes ?? null })}\n`);
      return exitCodeOf(report);
    }
    case 'node':
    case 'snapshot':
      return runNodeCommand(invocation, config, runtime, {
        deps,
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
        confirm,
      });
    case 'pattern':
    case 'drift':
    case 'trace':
    case 'certs': {
      const routing = fleetRoutingDeps(config, runtime, audit);
      try {
        return await runRoutingCommand(routing, invocation, {
          out: (text) => process.stdout.write(text),
          err: (text) => process.stderr.write(text),
          confirm,
          stdin: () => new Response(Readable.toWeb(process.stdin) as ReadableStream).text(),
        });
      } finally {
        routing.close();
      }
    }
  }
}

/** Failover asks for a typed word (the cluster name), not y: a reflex cannot move a VIP. */
async function askWord(prompt: string, word: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    process.stderr.write('not a terminal: pass --yes to apply, or --dry-run to preview\n');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(prompt)).trim() === word;
  } finally {
    rl.close();
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    process.stderr.write('not a terminal: pass --yes to send, or --dry-run to preview\n');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

async function runInteractive(config: LbtopConfig, runtime: FleetRuntime, banner?: string, prompts?: PassphrasePrompts): Promise<number> {
  const audit = openAuditLog(defaultAuditPath());
  const deps = { clients: runtime.clients, audit };
  // Focused polling (src/sources/haproxy/focused-stat.ts): the screen will say which backends it shows.
  runtime.focus(new Set());
  runtime.start();
  const fleetBuilder = new FleetBuilder();
  // Node drain (N, :node NAME), its follow-up to zero sessions, and the snapshot key (S).
  const node = nodeServices(config, runtime, deps);
  // The regular polls wait while a write is sent (runtime.hold); the report, and the drain's progress view hidden
  // behind "sending…" until then, show at once: the full read that shows the write everywhere follows behind them.
  const afterWrite = async <T>(work: Promise<T>) => {
    const result = await runtime.hold(work);
    void runtime.refresh();
    return result;
  };
  // Ink, React and the UI load only here (a few hundred ms), while the first poll is already in flight; the
  // subcommands never load them.
  const { runTui } = await import('./ui/run.js');
  // keepalived/heartbeat/BIRD pollers only when an LB declares one (the VIPS and BGP views say so otherwise).
  const failover = config.lbs.some((lb) => lb.failover) ? fleetFailoverRuntime(config, runtime) : null;
  failover?.start();
  const fleetNow = async () => (await runtime.refresh(), buildFleet(config, runtime.store.getState().lbs));
  const code = await runTui(
    {
      store: runtime.store,
      config,
      // Re-uses unchanged backends between refreshes (10,000 idle servers cost almost nothing per poll).
      buildFleet: (c, l) => fleetBuilder.build(c, l),
      focus: runtime.focus,
      planServerAdmin,
      planServerWeight,
      apply: (plan) => afterWrite(plan.kind === 'node' ? node.applyNode(plan) : applyPlan(plan, deps)),
      rollback: (report) => afterWrite(report.plan.kind === 'node' ? rollbackFanout(report, deps) : rollbackReport(report, deps)),
      planNode: node.planNode,
      resolveHost: node.resolveHost,
      snapshot: node.snapshot,
      nodeProgress: node.nodeProgress,
      runRaw: async (lb, line) => {
        const result = await runRawCommand(deps, lb, line);
        switch (result.status) {
          case 'answered':
            return result.reply;
          case 'failed':
            throw new Error(result.error);
          case 'landed':
            return `(reply lost: ${result.error}; HAProxy shows it applied: ${result.detail})\n`;
          case 'unknown':
            return `UNKNOWN: ${result.error}\nthe command may have been carried out: look before sending it again\n`;
        }
      },
      readOnly: config.readOnly,
      routing: createRoutingServices({ ...fleetRoutingDeps(config, runtime, audit), polledServerStates: (lb) => polledServerStates(runtime.store, lb) }),
      ...(failover ? { failover: createFailoverServices({ config, failover, fleet: fleetNow, audit }) } : {}),
      ...(prompts ? { passphrase: prompts } : {}),
      version: banner ? `${VERSION} · ${banner}` : VERSION,
      now: Date.now,
    },
    {},
  );
  // A handshake still waiting for a passphrase is refused, not left hanging, once the TUI is gone.
  prompts?.close();
  node.stop();
  return code;
}

// Output on a pipe is written asynchronously: the process ends only once stdout and stderr are flushed, on the
// error path too, and a reader that goes away (`| head`) throws nothing into a write in progress (src/cli/stdio.ts).
guardStdio();
main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    const e = error as Error & { hint?: string };
    process.stderr.write(`lbtop: ${e.message ?? String(error)}\n${e.hint ? `  ${e.hint}\n` : ''}`);
    return exitWhenFlushed(exitCodeOfError(error));
  },
);
