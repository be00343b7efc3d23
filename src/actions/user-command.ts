// Running one of the operator's own commands (lbtop.yaml `commands:`): the selection's values make the exact
// argv (user-command-words.ts), the write path audits it before and after with that argv and its outcome
// (write-path.ts runWrite), the read-only gate refuses it unless it was declared `dangerous: false`, and the
// output comes back bounded for the output pane.
import { CommandTimeoutError, ReadOnlyError } from '../model/errors.js';
import type { UserCommand, UserValues } from '../model/user-command.js';
import type { CommandRunner } from '../transport/exec.js';
import { shellJoin } from '../transport/shell-quote.js';
import type { AuditLog } from './audit-log.js';
import { expand } from './user-command-words.js';
import { runWrite } from './write-path.js';

/** What the output pane keeps of stdout and of stderr; past it the output is cut and marked truncated. */
export const MAX_USER_OUTPUT_BYTES = 1024 * 1024;

/** A command ready to run: its exact words and where, or why this selection cannot run it. */
export type UserInvocation =
  | { ok: true; command: UserCommand; argv: string[]; line: string; values: UserValues }
  | { ok: false; command: UserCommand; why: string };

export interface UserRunResult {
  name: string;
  /** The exact words run, and them shell-quoted as the preview and the audit log show them. */
  argv: string[];
  line: string;
  /** Runner label: "local", "ssh lb1". */
  where: string;
  outcome: 'done' | 'failed' | 'refused' | 'not-run';
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  durationMs: number;
  /** Why it did not run or did not finish (read-only, cannot start, timeout). */
  error?: string;
}

const named = (values: UserValues) => Object.entries(values).filter(([, v]) => v !== undefined && v !== '');

/** The command for this selection: its argv, or which variable the selection lacks (said in the footer). */
export function invoke(command: UserCommand, values: UserValues): UserInvocation {
  const expansion = expand(command, values);
  if ('missing' in expansion) {
    const given = named(values).map(([k]) => `$${k}`).join(', ') || 'nothing';
    const why = `${command.name}: ${expansion.missing.map((m) => `$${m}`).join(', ')} unknown for this selection (it gives ${given})`;
    return { ok: false, command, why };
  }
  return { ok: true, command, argv: expansion.argv, line: shellJoin(expansion.argv), values };
}

const cut = (text: string) => (text.length > MAX_USER_OUTPUT_BYTES ? text.slice(0, MAX_USER_OUTPUT_BYTES) : text);

/**
 * Runs an invocation through the write path. Resolves whatever happens (a refusal or a timeout is a result the
 * pane shows); `lb` is the audit record's LB ("local" for commands run on this machine for no one LB).
 */
export async function runUserCommand(audit: AuditLog, lb: string, runner: CommandRunner, run: Extract<UserInvocation, { ok: true }>, now: () => number = Date.now): Promise<UserRunResult> {
  const { command, argv, line } = run;
  const started = now();
  const base = { name: command.name, argv, line, where: runner.label, stdout: '', stderr: '', truncated: false, code: null, signal: null };
  // Refused before any audit record, like every write in read-only mode (write-path.ts).
  if (runner.readOnly && command.dangerous) {
    return { ...base, outcome: 'refused', durationMs: 0, error: new ReadOnlyError(`${command.name} (dangerous)`).message };
  }
  try {
    const result = await runWrite(audit, lb, runner, argv, { timeoutMs: command.timeoutMs, maxOutputBytes: MAX_USER_OUTPUT_BYTES, command: line, declaredRead: !command.dangerous }, `user command ${command.name}`);
    const truncated = result.truncated === true || result.stdout.length > MAX_USER_OUTPUT_BYTES || result.stderr.length > MAX_USER_OUTPUT_BYTES;
    return { ...base, outcome: result.code === 0 ? 'done' : 'failed', code: result.code, signal: result.signal, stdout: cut(result.stdout), stderr: cut(result.stderr), truncated, durationMs: now() - started };
  } catch (error) {
    // A timeout killed a command that had started: it failed (and may have done part of its work), unlike one
    // that could not start at all.
    const outcome = error instanceof ReadOnlyError ? 'refused' : error instanceof CommandTimeoutError ? 'failed' : 'not-run';
    return { ...base, outcome, durationMs: now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}

/** One line for a flash or a report: "cordon: exit 0 in 0.4 s (local)". */
export function resultLine(r: UserRunResult): string {
  const took = `${(r.durationMs / 1000).toFixed(1)} s`;
  if (r.outcome === 'refused' || r.outcome === 'not-run') return `${r.name}: not run — ${r.error}`;
  const status = r.error !== undefined ? `killed: ${r.error}` : r.code !== null ? `exit ${r.code}` : `killed by ${r.signal}`;
  return `${r.name}: ${status} in ${took} (${r.where})${r.truncated ? ', output truncated' : ''}`;
}

export type UserInvocationOk = Extract<UserInvocation, { ok: true }>;

/** One run of this session, for the OUTPUT panel: `result` is null while it runs. */
export interface UserRunEntry {
  id: number;
  name: string;
  line: string;
  startedAt: number;
  result: UserRunResult | null;
}

/** Where user commands run and the runs of this session (built by runtime/user-command-runtime.ts). */
export interface UserCommandRuntime {
  commands: readonly UserCommand[];
  /** Runs an invocation on its host: `lb` is the LB a `where: lb` command runs on (its $LB). */
  run(invocation: UserInvocationOk, lb: string | null): Promise<UserRunResult>;
  runs(): readonly UserRunEntry[];
  subscribe(listener: () => void): () => void;
}

