// The one way a state-changing runtime-API command leaves lbtop: recorded in the audit log before it is sent and
// again with what came back, and its outcome told apart honestly —
//   done      HAProxy answered and the answer is not an error;
//   rejected  HAProxy answered with an error (nothing changed);
//   not-sent  the connection failed before the command was written (nothing can have changed);
//   unknown   the command was written and no whole reply came back (timeout, cut, reload): it may have landed.
// Plans (apply.ts, apply-fanout.ts), map/ACL edits, drift fixes and the raw CLI all send through sendWrite.
import { CommandTimeoutError, ReadOnlyError, ReplyLostError } from '../model/errors.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import type { CommandResult, CommandRunner, RunOptions } from '../transport/exec.js';
import type { HostFiles } from '../transport/host-files.js';
import type { AuditLog } from './audit-log.js';

export type SendOutcome =
  | { kind: 'done'; reply: string }
  | { kind: 'rejected'; reply: string }
  | { kind: 'not-sent'; error: string }
  | { kind: 'unknown'; error: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** HAProxy answers a successful `set server`/`add`/`del` with an empty line; any text is its error message. */
export function replyIsError(command: string, reply: string): boolean {
  if (/^(set|add|del|clear|commit|prepare|enable|disable|shutdown)\b/.test(command)) return reply.trim() !== '';
  return false;
}

export async function sendWrite(audit: AuditLog, lb: string, api: RuntimeApi, command: string, plan?: string): Promise<SendOutcome> {
  // Read-only: refused before the audit record, so a refused write leaves no trace that it was sent.
  if (api.readOnly) throw new ReadOnlyError(`"${command.slice(0, 120)}"`);
  const record = plan === undefined ? {} : { plan };
  audit.append({ lb, command, phase: 'send', ...record });
  try {
    const reply = await api.send(command);
    audit.append({ lb, command, reply, phase: 'reply', ...record });
    return replyIsError(command, reply) ? { kind: 'rejected', reply } : { kind: 'done', reply };
  } catch (error) {
    const unknown = error instanceof ReplyLostError;
    audit.append({ lb, command, reply: `${unknown ? 'OUTCOME UNKNOWN: ' : 'not sent: '}${message(error)}`, phase: 'error', ...record });
    return unknown ? { kind: 'unknown', error: message(error) } : { kind: 'not-sent', error: message(error) };
  }
}


/**
 * How runWrite records and admits one command. `command`: the text the audit log shows (default: the words
 * joined; user commands pass them shell-quoted, so a word with spaces reads as one). `declaredRead`: the
 * operator declared it reads only (a `dangerous: false` user command), so a read-only runner is asked rather
 * than refused here: its gate decides (write-gate.ts declaredReadRunner).
 */
export interface RunWriteOptions extends RunOptions {
  command?: string;
  declaredRead?: boolean;
}

/** A host command that changes something (a reload, a failover step, `birdc disable`), audited around its run. */
export async function runWrite(audit: AuditLog, lb: string, runner: CommandRunner, argv: readonly string[], options: RunWriteOptions = {}, plan?: string): Promise<CommandResult> {
  const { command = argv.join(' '), declaredRead = false, ...runOptions } = options;
  if (runner.readOnly && !declaredRead) throw new ReadOnlyError(`\`${command.slice(0, 120)}\``);
  const record = plan === undefined ? {} : { plan };
  audit.append({ lb, command, phase: 'send', ...record });
  try {
    const result = await runner.run(argv, runOptions);
    const output = `${result.stdout}${result.stderr}`.trim();
    audit.append({ lb, command, reply: `exit ${result.code ?? result.signal}${output ? `: ${output}` : ''}`, phase: result.code === 0 ? 'reply' : 'error', ...record });
    return result;
  } catch (error) {
    audit.append({ lb, command, reply: `${error instanceof CommandTimeoutError ? 'OUTCOME UNKNOWN: ' : ''}${message(error)}`, phase: 'error', ...record });
    throw error;
  }
}

/** A file replaced on an LB's host (atomic, guarded: host-files.ts), audited around the write. */
export async function replaceWrite(
  audit: AuditLog,
  lb: string,
  files: HostFiles,
  file: string,
  text: string,
  options: { expected: string | null; backup: boolean },
  plan?: string,
  label = `write ${file}`,
): Promise<{ backup: string | null }> {
  if (files.readOnly) throw new ReadOnlyError(`a new ${file}`);
  const record = plan === undefined ? {} : { plan };
  audit.append({ lb, command: label, phase: 'send', ...record });
  try {
    const done = await files.replace(file, text, options);
    audit.append({ lb, command: label, reply: 'ok', phase: 'reply', ...record });
    return done;
  } catch (error) {
    audit.append({ lb, command: label, reply: message(error), phase: 'error', ...record });
    throw error;
  }
}

/**
 * The first thing every apply does: a read-only transport (write-gate.ts) refuses the whole action before any
 * audit record or any send, so the operator sees one plain refusal rather than a half-attempted plan.
 */
export function refuseIfReadOnly(what: string, ...through: ({ readOnly?: boolean } | null | undefined)[]): void {
  if (through.some((t) => t?.readOnly)) throw new ReadOnlyError(what);
}
