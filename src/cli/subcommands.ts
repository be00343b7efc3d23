// The subcommands (`lbtop status`, `server`, `cli`, `node`, `vip`, `map`, …), loaded by src/cli.ts only when
// one is asked for: the TUI never loads this module. Failover, map editor and node commands load their own code
// below that, so `lbtop status` does not carry them either.
import { createInterface } from 'node:readline/promises';
import { Readable } from 'node:stream';
import { applyPlan, rollbackReport } from '../actions/apply.js';
import { defaultAuditPath, openAuditLog } from '../actions/audit-log.js';
import { outcomeText } from '../present/confirmation.js';
import { runRawCommand } from '../actions/raw-command.js';
import { planServerAdmin, planServerWeight } from '../actions/server-admin.js';
import { statusJson } from '../subcommands/status-json.js';
import { statusText } from '../subcommands/status-text.js';
import { confirmRollback, confirmWrite, type ConfirmIo } from '../subcommands/confirm-write.js';
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import type { PassphrasePrompts } from './passphrase/prompts.js';
import { connectSshHosts } from '../runtime/ssh-connectors.js';
import { answerOnTerminal } from './passphrase/terminal.js';
import { checkRawCommand } from '../sources/haproxy/command.js';
import { buildFleet } from '../store/selectors.js';
import type { Invocation } from './args.js';
import { EXIT, exitCodeOf } from './exit-codes.js';

/** Runs one subcommand (anything but the TUI and the demo) against the fleet runtime main() made. */
export async function runSubcommand(
  invocation: Exclude<Invocation, { kind: 'tui' } | { kind: 'demo' } | { kind: 'completion' } | { kind: 'complete' }>,
  config: LbtopConfig,
  runtime: FleetRuntime,
  options: { prompts: PassphrasePrompts; lbRefs: readonly string[] },
): Promise<number> {
  // A subcommand asks for a key's passphrase on the terminal (stderr, no echo), or says to use ssh-agent when there
  // is no terminal. stdin is only touched when a key asks (a getter: process.stdin makes its stream on first use).
  answerOnTerminal(options.prompts, { get input() { return process.stdin; }, output: process.stderr });
  const named = config.lbs.filter((lb) => options.lbRefs.length === 0 || options.lbRefs.includes(lb.name));
  await connectSshHosts(runtime.ssh, named);
  const audit = openAuditLog(defaultAuditPath());
  const deps = { clients: runtime.clients, audit };
  // How every write subcommand prints and asks (src/subcommands/confirm-write.ts).
  const io: ConfirmIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), confirm, askWord };
  switch (invocation.kind) {
    case 'status': {
      await runtime.refresh();
      const fleet = buildFleet(config, runtime.store.getState().lbs);
      process.stdout.write(invocation.json ? `${JSON.stringify(statusJson(fleet), null, 2)}\n` : `${statusText(fleet)}\n`);
      return fleet.lbs.every((lb) => lb.ok) ? 0 : 1;
    }
    case 'find': {
      const { runFindCommand } = await import('../subcommands/find-command.js');
      await runtime.refresh();
      const fleet = buildFleet(config, runtime.store.getState().lbs);
      return runFindCommand(invocation, fleet, (t) => process.stdout.write(t), (t) => process.stderr.write(t));
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
      const { createFailoverService } = await import('../runtime/failover-wiring.js');
      const { runFailoverCommand } = await import('../subcommands/failover-command.js');
      // The same service as the TUI's VIPS/BGP views (tui-services.ts), over the fleet's hosts.
      const failover = createFailoverService(runtime.hosts, runtime, audit);
      try {
        return await runFailoverCommand(invocation, {
          ...failover,
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
      // A weight the backend's algorithm cannot take is refused by the planner, nothing sent (static-weight.ts).
      const sent = await confirmWrite(plan, invocation, io, { send: () => applyPlan(plan, deps), outcome: (report) => ({ kind: 'servers', report }) });
      if (!sent.sent) return sent.code;
      const report = sent.result;
      let undone = null;
      if (report.rollbackOffered.length > 0 && (await confirmRollback(`roll back ${report.rollbackOffered.join(', ')}`, invocation, io))) {
        undone = await rollbackReport(report, deps);
        io.out(`${outcomeText({ kind: 'servers', report: undone })}\n`);
      }
      if (invocation.json) process.stdout.write(`${JSON.stringify({ outcomes: report.outcomes, leftOut: report.leftOut, rollback: undone?.outcomes ?? null })}\n`);
      return exitCodeOf(report);
    }
    case 'run': {
      const { runUserSubcommand } = await import('../subcommands/run-command.js');
      const { createUserCommandService } = await import('../runtime/user-command-runtime.js');
      const hooks = createUserCommandService(runtime.hosts, audit);
      return runUserSubcommand(invocation, { runtime: hooks, out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), confirm });
    }
    case 'node':
    case 'nodes':
    case 'snapshot': {
      const [{ runNodeCommand }, { createNodeService }, { createBgpNodesService }, { createUserCommandService }] = await Promise.all([
        import('../subcommands/node-command.js'),
        import('../runtime/node-service.js'),
        import('../runtime/bgp-nodes-runtime.js'),
        import('../runtime/user-command-runtime.js'),
      ]);
      // The same node service as the TUI's N, :node and S (tui-services.ts), over the fleet's hosts.
      const node = createNodeService(runtime.hosts, runtime, audit, {
        // BIRD on the LBs, through each LB's runner (hosts.ts): a NODE may be a Kubernetes node (seed 004).
        bgp: createBgpNodesService(runtime.hosts),
        // `on: {node-drain: …}` commands run around the drain (a failed before-hook holds it back).
        hooks: createUserCommandService(runtime.hosts, audit),
      });
      try {
        return await runNodeCommand(invocation, config, runtime, { node, out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), confirm });
      } finally {
        node.stop();
      }
    }
    case 'history':
    case 'undo': {
      const { runHistoryCommand, runUndoCommand } = await import('../subcommands/history-command.js');
      const io = { auditPath: audit.path ?? defaultAuditPath(), out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };
      if (invocation.kind === 'history') return runHistoryCommand(invocation, io);
      return runUndoCommand(invocation, config, runtime, { ...io, deps, confirm });
    }
    case 'sessions':
    case 'sessions-kill':
    case 'errors': {
      const [{ runSessionsCommand }, { createSessionsService }] = await Promise.all([
        import('../subcommands/sessions-command.js'),
        import('../runtime/sessions-service.js'),
      ]);
      // The same service as the TUI's SESSIONS and CAPTURES panels (tui-services.ts), over the fleet's hosts.
      return runSessionsCommand(invocation, {
        sessions: createSessionsService(runtime.hosts, runtime, audit),
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
        confirm,
      });
    }
    case 'tables':
    case 'tables-clear':
    case 'peers': {
      const [{ runTablesCommand }, { createTablesService }] = await Promise.all([
        import('../subcommands/tables-command.js'),
        import('../runtime/tables-service.js'),
      ]);
      // The same service as the TUI's TABLES panel (tui-services.ts), over the fleet's hosts.
      return runTablesCommand(invocation, {
        tables: createTablesService(runtime.hosts, runtime, audit),
        confirm,
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
      });
    }
    case 'maps':
    case 'drift':
    case 'trace':
    case 'certs': {
      // The map editor's service (maps-runtime.ts) reaches the LBs' files, master CLI and runtime API for all four.
      const { createMapsService } = await import('../runtime/maps-runtime.js');
      const service = createMapsService(runtime.hosts, runtime, audit);
      const io = {
        out: (text: string) => process.stdout.write(text),
        err: (text: string) => process.stderr.write(text),
        confirm,
        stdin: () => new Response(Readable.toWeb(process.stdin) as ReadableStream).text(),
      };
      try {
        if (invocation.kind === 'maps') return await (await import('../subcommands/maps-command.js')).runMapsCommand(service, invocation, io);
        if (invocation.kind === 'drift') return await (await import('../subcommands/drift-command.js')).runDriftCommand(service, invocation, io);
        if (invocation.kind === 'trace') return await (await import('../subcommands/trace-command.js')).runTraceCommand(service, invocation, io);
        return await (await import('../subcommands/certs-command.js')).runCertsCommand(service, invocation, io);
      } finally {
        service.close();
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
