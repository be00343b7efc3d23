// `lbtop run NAME`: a user command from a runbook. The exact command line and its words are printed first (the
// TUI's preview as text), --dry-run stops there, --yes or a terminal y runs it through the same runtime as the
// key (write path, audit, read-only gate), and its output follows; --json gives the whole result as data.
import { invoke, resultLine, type UserCommandRuntime, type UserRunResult } from '../actions/user-command.js';
import type { RunInvocation } from '../cli/run-args.js';
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
  const where = command.where === 'lb' ? `on ${lb}'s host` : 'here';
  io.out(`Command: ${command.name}, ${where}${command.dangerous ? ' (lbtop cannot verify or undo what it does)' : ''}\n  ${run.line}\nWords:\n${run.argv.map((w, i) => `  ${String(i).padStart(3)}  ${w}`).join('\n')}\n`);
  if (inv.dryRun) return EXIT.OK;
  if (!inv.yes && !(await io.confirm('Run it?'))) {
    io.out('Nothing run.\n');
    return EXIT.FAILED;
  }
  const result = await io.runtime.run(run, lb);
  if (inv.json) io.out(`${JSON.stringify(result)}\n`);
  else {
    io.out(result.stdout);
    if (result.stderr) io.err(result.stderr);
  }
  io.err(`${resultLine(result)}\n`);
  return EXIT_OF[result.outcome];
}
