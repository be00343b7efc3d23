// Where a user command runs, and the runs of this session. `where: local` runs here; `where: lb` runs on the LB's
// host through the runner hosts.ts gives every feature: the fleet's SSH connection for an LB with `ssh:`, the
// demo's namespace runner, or this machine for a local LB, under `sudo -n` when the LB says `sudo: true`. In
// read-only mode every runner is gated (write-gate.ts): only the exact shape of a `dangerous: false` command
// gets through.
import { invoke, runUserCommand, type UserCommandRuntime, type UserRunEntry, type UserRunResult } from '../actions/user-command.js';

export type { UserCommandRuntime };
import { isExpansionOf } from '../actions/user-command-words.js';
import { declaredReadRunner } from '../actions/write-gate.js';
import type { AuditLog } from '../actions/audit-log.js';
import type { LbConfig, LbtopConfig } from '../model/config.js';
import type { UserCommand, UserValues } from '../model/user-command.js';
import { localRunner, type CommandRunner } from '../transport/exec.js';
import type { SshPool } from '../transport/ssh/pool.js';
import { createHosts, type Hosts, type RunnerFactory } from './hosts.js';

export interface UserCommandRuntimeOptions {
  ssh?: SshPool | null;
  /** How to reach an LB without `ssh:` that is not this machine (the demo's namespaces). */
  hostRunner?: RunnerFactory;
  local?: CommandRunner;
  now?: () => number;
}

/** Runs kept for the OUTPUT panel (each holds at most 2 MiB of output). */
const KEPT_RUNS = 20;

/** Over a config alone (tests, scripts): hosts.ts built here with `options.ssh` and `options.hostRunner`. */
export function createUserCommandRuntime(config: LbtopConfig, audit: AuditLog, options: UserCommandRuntimeOptions = {}): UserCommandRuntime {
  const local = options.local ?? localRunner();
  const hosts = createHosts(config, { ssh: options.ssh ? { pool: options.ssh } : null, stackRunner: options.hostRunner ?? (() => local) });
  return createUserCommandService(hosts, audit, { local, ...(options.now ? { now: options.now } : {}) });
}

/** The user commands feature, one service for `lbtop run` and the TUI (keys, OUTPUT panel, node-drain hooks). */
export function createUserCommandService(hosts: Pick<Hosts, 'config' | 'ungatedRunner'>, audit: AuditLog, options: { local?: CommandRunner; now?: () => number } = {}): UserCommandRuntime {
  const { config } = hosts;
  const commands = config.commands ?? [];
  const local = options.local ?? localRunner();
  const now = options.now ?? Date.now;
  const declared = (argv: readonly string[]) => commands.some((c) => !c.dangerous && isExpansionOf(c, argv));
  const gated = (runner: CommandRunner) => (config.readOnly ? declaredReadRunner(runner, declared) : runner);
  const hostOf = (lb: LbConfig): CommandRunner | string => hosts.ungatedRunner(lb.name) ?? `${lb.name} is reached over ssh, and no SSH connection is open`;
  const runnerOf = (command: UserCommand, lbName: string | null): CommandRunner | string => {
    if (command.where === 'local') return gated(local);
    const lb = config.lbs.find((l) => l.name === lbName);
    if (!lb) return `${command.name} runs on an LB's host: ${lbName === null ? 'no single LB is selected (a picks one)' : `no LB ${lbName}`}`;
    const runner = hostOf(lb);
    return typeof runner === 'string' ? runner : gated(runner);
  };
  let entries: UserRunEntry[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const changed = (update: (e: UserRunEntry[]) => UserRunEntry[]) => {
    entries = update(entries).slice(-KEPT_RUNS);
    listeners.forEach((l) => l());
  };
  return {
    commands,
    async run(invocation, lbName) {
      const id = nextId++;
      const runner = runnerOf(invocation.command, lbName);
      changed((e) => [...e, { id, name: invocation.command.name, line: invocation.line, startedAt: now(), result: null }]);
      const result: UserRunResult =
        typeof runner === 'string'
          ? { name: invocation.command.name, argv: invocation.argv, line: invocation.line, where: lbName ?? 'local', outcome: 'not-run', code: null, signal: null, stdout: '', stderr: '', truncated: false, durationMs: 0, error: runner }
          : await runUserCommand(audit, lbName ?? 'local', runner, invocation, now);
      changed((e) => e.map((x) => (x.id === id ? { ...x, result } : x)));
      return result;
    },
    runs: () => entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The node-drain hooks of one side (before/after), run with the node's values: `where: lb` ones on each LB. */
export async function runNodeHooks(runtime: UserCommandRuntime, when: 'before' | 'after', values: UserValues, lbs: readonly string[]): Promise<UserRunResult[]> {
  const results: UserRunResult[] = [];
  for (const command of runtime.commands.filter((c) => c.nodeDrain === when)) {
    for (const lb of command.where === 'lb' ? lbs : [null]) {
      const invocation = invoke(command, lb === null ? values : { ...values, LB: lb });
      if (!invocation.ok) {
        results.push({ name: command.name, argv: [], line: '', where: lb ?? 'local', outcome: 'not-run', code: null, signal: null, stdout: '', stderr: '', truncated: false, durationMs: 0, error: invocation.why });
        continue;
      }
      results.push(await runtime.run(invocation, lb));
    }
  }
  return results;
}
