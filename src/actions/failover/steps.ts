// Runs one failover step on its host through the CommandRunner (local or SSH) and returns what undoes it. Every
// command and file write is in the audit log before it happens and again with its result. File writes go through
// hostFiles (temp file, fsync, rename, previous kept as FILE.lbtop-bak); keepalived.conf is checked with
// `keepalived -t` on a copy before it replaces the real file.
import { createHash } from 'node:crypto';
import { CommandTimeoutError, LbtopError } from '../../model/errors.js';
import type { LbConfig } from '../../model/config.js';
import { redactKeepalived } from '../../sources/keepalived/redact.js';
import type { CommandRunner } from '../../transport/exec.js';
import type { HostFiles } from '../../transport/host-files.js';
import type { AuditLog } from '../audit-log.js';
import { refuseIfReadOnly } from '../write-path.js';
import { applyLineEdit } from './conf-edit.js';
import type { HostStep } from './types.js';

export interface StepDeps {
  runners: ReadonlyMap<string, CommandRunner>;
  /** Atomic file reads and writes per LB, on the same runner (transport/host-files.ts, built by the runtime). */
  files: ReadonlyMap<string, HostFiles>;
  audit: AuditLog;
  lbs: readonly LbConfig[];
}

export const describeStep = (s: HostStep): string => {
  switch (s.kind) {
    case 'run': return s.argv.join(' ');
    case 'write-track-file': return `write ${s.path}: ${s.text.trim()}`;
    case 'edit-conf': return `edit ${s.path} line ${s.line}: ${s.newLine.trim()}`;
    case 'restore-file': return `restore ${s.path} (sha256 ${createHash('sha256').update(s.text).digest('hex').slice(0, 12)})`;
  }
};

/** `keepalived -t` messages of a file, with the file name taken out so two copies compare equal. */
async function configTest(runner: CommandRunner, file: string): Promise<{ ok: boolean; messages: string[] }> {
  const r = await runner.run(['keepalived', '-t', '-f', file]);
  const messages = (r.stderr + r.stdout).split('\n').map((l) => l.replaceAll(file, 'FILE').trim()).filter(Boolean);
  return { ok: r.code === 0, messages };
}

/**
 * The edited text is checked on a copy beside the file. keepalived -t also fails on mere warnings (an auth_pass
 * longer than 8 characters is "truncated"): what the running config already had is not the edit's fault, so the
 * edit is refused only for messages the current file does not produce.
 */
async function checkConf(runner: CommandRunner, files: HostFiles, path: string, text: string): Promise<string> {
  const copy = `${path}.lbtop-check`;
  const old = await files.read(copy);
  await files.replace(copy, text, { expected: old.exists ? old.text : null, backup: false });
  try {
    const edited = await configTest(runner, copy);
    if (edited.ok) return 'keepalived -t: OK';
    const current = await configTest(runner, path);
    const added = edited.messages.filter((m) => !current.messages.includes(m));
    if (added.length > 0 || current.ok) {
      throw new LbtopError(`keepalived -t refused the edited ${path}: ${(added.length ? added : edited.messages).slice(-3).join(' / ')}`, 'nothing was changed');
    }
    return `keepalived -t: only the warnings the current file already has (${edited.messages.length})`;
  } finally {
    await runner.run(['rm', '-f', '--', copy]);
  }
}

/** Runs the step; resolves with its output and the steps that undo it. Throws on failure. */
export async function runStep(step: HostStep, deps: StepDeps, plan: string): Promise<{ output: string; undo: HostStep[] }> {
  const runner = deps.runners.get(step.lb);
  if (!runner) throw new LbtopError(`no command runner for ${step.lb}`);
  const command = describeStep(step);
  // Every step runs and writes through this runner and these files: a read-only gate refuses before the audit.
  refuseIfReadOnly(command, runner, deps.files.get(step.lb));
  deps.audit.append({ lb: step.lb, command, phase: 'send', plan });
  try {
    const result = await execute(step, runner, deps);
    deps.audit.append({ lb: step.lb, command, reply: redactKeepalived(result.output), phase: 'reply', plan });
    return result;
  } catch (error) {
    const unknown = error instanceof CommandTimeoutError ? 'OUTCOME UNKNOWN: ' : '';
    deps.audit.append({ lb: step.lb, command, reply: `${unknown}${error instanceof Error ? error.message : String(error)}`, phase: 'error', plan });
    throw error;
  }
}

async function execute(step: HostStep, runner: CommandRunner, deps: StepDeps): Promise<{ output: string; undo: HostStep[] }> {
  const files = deps.files.get(step.lb);
  if (!files) throw new LbtopError(`no file access for ${step.lb}`);
  const ka = deps.lbs.find((l) => l.name === step.lb)?.failover?.keepalived;
  switch (step.kind) {
    case 'run': {
      const r = await runner.run(step.argv, { timeoutMs: 30_000 });
      if (r.code !== 0) throw new LbtopError(`${step.lb}: \`${step.argv.join(' ')}\` exited ${r.code ?? r.signal}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
      const name = step.argv[0] ?? '';
      let undo: HostStep[] = [];
      if (/hb_standby$/.test(name)) undo = [{ kind: 'run', lb: step.lb, argv: [name.replace(/hb_standby$/, 'hb_takeover'), 'all'], why: `${step.lb} takes its resources back` }];
      else if (/hb_takeover$/.test(name)) undo = [{ kind: 'run', lb: step.lb, argv: [name.replace(/hb_takeover$/, 'hb_standby'), 'all'], why: `${step.lb} gives the resources back` }];
      else if (ka && (step.argv[1] === '-TERM' || (ka.stop && step.argv.join(' ') === ka.stop.join(' ')))) {
        undo = [{ kind: 'run', lb: step.lb, argv: ka.start ?? ['systemctl', 'start', 'keepalived'], why: `start keepalived on ${step.lb} again` }];
      } else if (ka) undo = [{ ...step, why: 'reload keepalived' }];
      return { output: r.stdout + r.stderr, undo };
    }
    case 'write-track-file': {
      const old = await files.read(step.path);
      const { backup } = await files.replace(step.path, step.text, { expected: old.exists ? old.text : null, backup: true });
      return {
        output: `wrote ${step.path}${backup ? ` (previous kept as ${backup})` : ''}`,
        undo: [{ kind: 'restore-file', lb: step.lb, path: step.path, text: old.exists ? old.text : '0\n', expected: step.text, check: false, why: `track file back to ${old.exists ? old.text.trim() : '0'}` }],
      };
    }
    case 'edit-conf': {
      const real = await files.read(step.path);
      if (redactKeepalived(real.text) !== step.base) throw new LbtopError(`${step.path} changed on ${step.lb} since the preview; nothing was written`, 'look at the VIP again and plan anew');
      const edited = applyLineEdit(real.text, step.line, step.newLine, step.insert);
      const checked = await checkConf(runner, files, step.path, edited);
      const { backup } = await files.replace(step.path, edited, { expected: real.text, backup: true });
      return {
        output: `${checked}; wrote ${step.path} (previous kept as ${backup})`,
        undo: [{ kind: 'restore-file', lb: step.lb, path: step.path, text: real.text, expected: edited, check: true, why: `${step.path} as it was` }],
      };
    }
    case 'restore-file': {
      const checked = step.check ? `${await checkConf(runner, files, step.path, step.text)}; ` : '';
      await files.replace(step.path, step.text, { expected: step.expected, backup: true });
      return { output: `${checked}restored ${step.path}`, undo: [] };
    }
  }
}
