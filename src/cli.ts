// Composition root: argv and config → transports, store, actions → the TUI or a subcommand.
//
// What is imported here statically is what reading the command line needs (so `--version` and `--help` load
// nothing more); then the fleet runtime, all that `lbtop -s SOCK` needs to send its first poll. The TUI (Ink,
// React), the subcommands, the demo lab, the SSH handshakes and the failover and map editor code come through
// import(), which scripts/bundle.mjs turns into chunks loaded on first use (test/e2e/startup-lazy.test.ts).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from './cli/args.js';
import { exitWhenFlushed, guardStdio } from './cli/stdio.js';
import { exitCodeOfError } from './cli/exit-codes.js';

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
  // The completion script and the names it asks for at TAB time need none of what follows.
  if (invocation.kind === 'completion' || invocation.kind === 'complete') {
    const { runCompletion } = await import('./cli/completion-command.js');
    return runCompletion(invocation, outcome.config, VERSION, (text) => process.stdout.write(text));
  }
  // History reads the audit log only: no LB is polled, no SSH connection made.
  if (invocation.kind === 'history') {
    const [{ runHistoryCommand }, { defaultAuditPath }] = await Promise.all([import('./subcommands/history-command.js'), import('./actions/audit-log.js')]);
    return runHistoryCommand(invocation, { auditPath: defaultAuditPath(), out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
  }
  const [{ runInteractive }, { openFleetRuntime }, { PassphrasePrompts }] = await Promise.all([
    import('./cli/interactive.js'),
    import('./runtime/fleet-core.js'),
    import('./cli/passphrase/prompts.js'),
  ]);
  if (invocation.kind === 'demo') {
    const { startDemo, startFleetDemo } = await import('./cli/demo.js');
    const starting = () => process.stderr.write(`lbtop: starting the namespace fleet lab (${invocation.fleet} LBs over SSH)…\n`);
    const demo = invocation.fleet ? await startFleetDemo(outcome.config, invocation.fleet, { starting }) : await startDemo(outcome.config);
    try {
      return await runInteractive(demo.config, demo.runtime, { version: `${VERSION} · ${demo.banner}`, hint: demo.hint, auditPath: demo.auditPath });
    } finally {
      // Our connections go first, then the lab (for the fleet lab: its sshd, HAProxy and namespaces).
      demo.runtime.stop();
      await demo.stop();
    }
  }
  // An encrypted SSH key's passphrase: the TUI asks in a masked dialog, a subcommand on the terminal (stderr, no
  // echo), or says to use ssh-agent when there is no terminal. Either way once per key file.
  const prompts = new PassphrasePrompts();
  const runtime = await openFleetRuntime(outcome.config, { ssh: { askPassphrase: prompts.ask } });
  try {
    if (invocation.kind === 'tui') return await runInteractive(outcome.config, runtime, { version: VERSION, prompts });
    const { runSubcommand } = await import('./cli/subcommands.js');
    return await runSubcommand(invocation, outcome.config, runtime, { prompts, lbRefs: outcome.lbRefs });
  } finally {
    prompts.close();
    runtime.stop();
  }
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
