// Which transport runs a command on an LB's host, and as whom: decided here once for every feature that runs one
// there (failover sources and steps, the map editor's files and reloads, BGP node reads, user commands). An LB
// with `ssh:` runs through exec channels on the fleet's one SSH connection, any other on this machine, or through
// the caller's runner for hosts that are neither (the demo's namespaces); then, when the LB says `sudo: true`
// (its own, or `defaults.sudo`), every command goes under `sudo -n`: one switch per host, whatever feature asks.
// The SSH code loads with a command's first run there, so building a runner costs the first screen nothing.
import type { LbConfig } from '../model/config.js';
import { withSudo } from '../sources/runner-check.js';
import { localRunner, type CommandRunner } from '../transport/exec.js';
import type { SshPool } from '../transport/ssh/pool.js';
import { sshAlias } from './ssh-alias.js';

export type RunnerFactory = (lb: LbConfig) => CommandRunner;

export interface HostRunners {
  /** The LB's runner, sudo applied, one per LB; null for an `ssh:` LB while no SSH connection is open. */
  runner(lb: LbConfig): CommandRunner | null;
}

/** The one reading of an LB's `sudo:` (config/semantic.ts folds the old `routing.sudo` into it). */
export const sudoOf = (lb: LbConfig): boolean => lb.sudo === true;

/**
 * `hostRunner`: how to reach an LB without `ssh:` that is not this machine. Null for an `ssh:` LB while no SSH
 * connection is open: nothing reaches it, and running its command here instead would be wrong.
 */
export function hostRunners(ssh: SshPool | null, hostRunner?: RunnerFactory): HostRunners {
  const local = localRunner();
  const reach = (lb: LbConfig): CommandRunner | null => (lb.ssh ? (ssh ? sshRunnerOnFirstRun(ssh, lb) : null) : (hostRunner?.(lb) ?? local));
  return sudoRunners(reach);
}

/** Runners over `reach` (a test's namespace shells, the failover runtime's runnerFor) with each LB's sudo applied. */
export function sudoRunners(reach: (lb: LbConfig) => CommandRunner | null): HostRunners {
  const made = new Map<string, CommandRunner | null>();
  return {
    runner(lb) {
      if (!made.has(lb.name)) {
        const base = reach(lb);
        made.set(lb.name, base && withSudo(base, sudoOf(lb)));
      }
      return made.get(lb.name)!;
    },
  };
}

function sshRunnerOnFirstRun(pool: SshPool, lb: LbConfig): CommandRunner {
  let inner: Promise<CommandRunner> | null = null;
  return {
    label: `ssh ${sshAlias(lb)}`,
    async run(argv, options) {
      inner ??= import('./ssh-connectors.js').then((m) => m.sshCommandRunner(pool, lb));
      return (await inner).run(argv, options);
    },
  };
}
