// A command's exit status as a typed error: sources run argv through a CommandRunner and must tell "the daemon
// is not there" from "the daemon said no" without guessing from stderr text.
import { LbtopError } from '../model/errors.js';
import type { CommandResult, CommandRunner, RunOptions } from '../transport/exec.js';

export class CommandFailedError extends LbtopError {
  constructor(
    readonly host: string,
    readonly argv: readonly string[],
    readonly result: CommandResult,
    hint?: string,
  ) {
    const why = result.stderr.trim().split('\n')[0] || result.stdout.trim().split('\n')[0] || `exit ${result.code ?? result.signal}`;
    super(`${host}: \`${argv.join(' ')}\` failed: ${why.slice(0, 200)}`, hint);
  }
}

/** Runs argv and returns stdout; a non-zero exit is a CommandFailedError. */
export async function runOk(runner: CommandRunner, argv: readonly string[], options?: RunOptions & { hint?: string }): Promise<string> {
  const result = await runner.run(argv, options);
  if (result.code !== 0) throw new CommandFailedError(runner.label, argv, result, options?.hint);
  return result.stdout;
}

/** `sudo -n` in front of every command, for SSH logins that are not root; -n: never wait for a password. */
export function withSudo(runner: CommandRunner, sudo: boolean): CommandRunner {
  if (!sudo) return runner;
  // readOnly carried over: a replayed host (the demo) stays known as one under sudo.
  return { label: runner.label, ...(runner.readOnly ? { readOnly: true } : {}), run: (argv, options) => runner.run(['sudo', '-n', '--', ...argv], options) };
}
