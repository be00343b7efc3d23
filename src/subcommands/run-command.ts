// `lbtop run NAME`: a user command from a runbook, through the one confirmation (confirm-write.ts): the TUI's
// preview (where it runs, the exact command line, each word), --dry-run stops there, --yes or a terminal y runs it
// through the same runtime as the key (write path, audit, read-only gate), and its output follows; --json gives
// the whole result as data.
import { invoke, resultLine, type UserCommandRuntime, type UserRunResult } from '../actions/user-command.js';
import { userCommandPlan } from '../actions/user-command-plan.js';
import type { RunInvocation } from '../cli/run-args.js';
import { confirmWrite } from './confirm-write.js';
import { EXIT } from '../cli/exit-codes.js';

export interface RunCommandIo {
  runtime: UserCommandRuntime;
  out(text: string): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
}

const EXIT_OF: Record<UserRunResult['outcome'], number> = { done: EXIT.OK, failed: EXIT.FAILED, refused: EXIT.REFUSED, 'not-run': EXIT.REFUSED };

export async function runUserSubcommand(inv: RunInvocation, io: RunCommandIo): Promise<number> {
  const command = io.runtime.commands.find((c) => c.name === inv.name);
  if (!command) {
    io.err(`lbtop run: no command "${inv.name}" in lbtop.yaml (commands: ${io.runtime.commands.map((c) => c.name).join(', ') || 'none'})\n`);
    return EXIT.REFUSED;
  }
  const run = invoke(command, inv.values);
  if (!run.ok) {
    io.err(`lbtop run: ${run.why}; give it with --node, --address, --server, --lb, --cluster or --vip\n`);
    return EXIT.REFUSED;
  }
  const lb = inv.values.LB ?? null;
  if (command.where === 'lb' && lb === null) {
    io.err(`lbtop run: ${command.name} runs on an LB's host: say which with --lb\n`);
    return EXIT.REFUSED;
  }
  // What it prints is its report, as the OUTPUT panel shows it: no outcome lines of the one confirmation.
  const sent = await confirmWrite(userCommandPlan(run, lb), inv, io, { send: () => io.runtime.run(run, lb), outcome: () => null });
  if (!sent.sent) return sent.code;
  const result = sent.result;
  if (inv.json) io.out(`${JSON.stringify(result)}\n`);
  else {
    io.out(result.stdout);
    if (result.stderr) io.err(result.stderr);
  }
  io.err(`${resultLine(result)}\n`);
  return EXIT_OF[result.outcome];
}
