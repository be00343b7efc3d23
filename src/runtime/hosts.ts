// Which transport runs a command on an LB's host, decided here once for every feature that runs one there (the
// failover sources and steps, the routing editor's files and reloads, BGP node reads, user commands): an LB with
// `ssh:` through exec channels on the fleet's one SSH connection, any other on this machine, or through the
// caller's runner for hosts that are neither (the demo's namespaces). Each feature then applies its own `sudo` and,
// when read-only, the write gate (actions/write-gate.ts). The SSH code loads with a command's first run there, so
// building a runner costs the first screen nothing.
import type { LbConfig } from '../model/config.js';
import { localRunner, type CommandRunner } from '../transport/exec.js';
import type { SshPool } from '../transport/ssh/pool.js';
import { sshAlias } from './ssh-alias.js';

export type RunnerFactory = (lb: LbConfig) => CommandRunner;

/**
 * `hostRunner`: how to reach an LB without `ssh:` that is not this machine. The factory gives null for an `ssh:` LB
 * while no SSH connection is open: nothing reaches it, and running its command here instead would be wrong.
 */
export function hostRunnerFor(ssh: SshPool | null, hostRunner?: RunnerFactory): (lb: LbConfig) => CommandRunner | null {
  const local = localRunner();
  return (lb) => (lb.ssh ? (ssh ? sshRunnerOnFirstRun(ssh, lb) : null) : (hostRunner?.(lb) ?? local));
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
