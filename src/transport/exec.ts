// Running a command on a host: argv in, {stdout, stderr, code} out. Sources build argv as data (`ip -j addr`,
// `birdc show protocols`) and never care whether it runs here or over SSH (see ssh/runner.ts).
// This is the one module that wraps execa for local commands.
import { CommandTimeoutError, TransportError } from '../model/errors.js';

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when the command was ended by a signal. */
  code: number | null;
  signal: string | null;
  /** Set when maxOutputBytes cut the output: what is here is its first part. */
  truncated?: boolean;
}

export interface RunOptions {
  /** Kill the command and reject with TransportError after this long. */
  timeoutMs?: number;
  /** Written to the command's stdin, which is then closed. */
  input?: string;
  /**
   * Keep at most this much of stdout and of stderr (local commands; SSH ones stop at their own bound): past it
   * lbtop stops reading, the command sees its pipe closed (EPIPE) and the result says `truncated`.
   */
  maxOutputBytes?: number;
}

export interface CommandRunner {
  /** Shown on screen: "local", "ssh lb1". */
  readonly label: string;
  /** Set by the read-only gate (actions/write-gate.ts): this runner runs only the commands sources read with. */
  readonly readOnly?: boolean;
  /**
   * Resolves with the result whatever the exit status (a non-zero code is an answer, not a transport failure).
   * Rejects with TransportError when the command cannot be started, times out, or the link to the host is lost.
   */
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

export function localRunner(): CommandRunner {
  return {
    label: 'local',
    async run(argv, options = {}) {
      const [file, ...args] = argv;
      if (file === undefined) throw new TransportError('local: empty command');
      const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
      // execa (and its dozen dependencies) load with the first local command, not with every start of lbtop.
      const { execa } = await import('execa');
      const result = await execa(file, args, {
        reject: false,
        timeout: timeoutMs,
        input: options.input,
        // Sources parse exact text; a trailing newline is part of some formats (HAProxy replies).
        stripFinalNewline: false,
        // No shell, no inherited stdin: a command must never wait on the operator's terminal.
        stdin: options.input === undefined ? 'ignore' : 'pipe',
        encoding: 'utf8',
        ...(options.maxOutputBytes === undefined ? {} : { maxBuffer: options.maxOutputBytes }),
      });
      if (result.timedOut) {
        throw new CommandTimeoutError(`local: \`${file}\` did not finish within ${timeoutMs} ms`);
      }
      if (result.exitCode === undefined && result.signal === undefined) {
        // Never started (ENOENT, EACCES): not an exit status the caller could interpret.
        const hint = result.code === 'ENOENT' ? `install ${file} or put it on PATH` : undefined;
        throw new TransportError(`local: cannot run \`${file}\`: ${result.code ?? result.shortMessage}`, hint);
      }
      return {
        stdout: String(result.stdout ?? ''),
        stderr: String(result.stderr ?? ''),
        code: result.exitCode ?? null,
        signal: result.signal ?? null,
        ...(result.isMaxBuffer ? { truncated: true } : {}),
      };
    },
  };
}
