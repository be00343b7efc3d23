// Connectors for LBs declared with `ssh:`: the runtime API through the host's one shared SSH connection
// (stream-local forwarding, else socat, else sudo socat when the LB says `sudo: true`; or a TCP socket by
// direct-tcpip), and the host's commands as exec channels. An LB with no socket in the config gets it from its haproxy.cfg on first connect.
import type { LbConfig, SshTarget } from '../model/config.js';
import type { StreamConnector } from '../transport/types.js';
import type { CommandRunner } from '../transport/exec.js';
import type { SshPool, SshTargetOverrides } from '../transport/ssh/pool.js';
import { sshRunner } from '../transport/ssh/runner.js';
import { sshSocket } from '../transport/ssh/socket.js';
import { sshTcp } from '../transport/ssh/tcp.js';
import { discoverStatsSocket, type DiscoveredSocket } from './discover-socket.js';
import { sshAlias } from './ssh-alias.js';

export { sshAlias };

export function sshOverrides(ssh: SshTarget): SshTargetOverrides {
  return { user: ssh.user, port: ssh.port, identity: ssh.identity, jump: ssh.jump, configFile: ssh.config };
}

export function sshCommandRunner(pool: SshPool, lb: LbConfig): CommandRunner {
  return sshRunner(pool, sshAlias(lb), sshOverrides(lb.ssh ?? {}));
}

/** What hosts.ts hands an ssh LB's connector: the LB's one `sudo:`, and its command runner (sudo applied, gated). */
export interface SshHostReach {
  sudo: boolean;
  runner(): CommandRunner | null;
}

export type SshConnectorFactory = (lb: LbConfig, host: SshHostReach) => StreamConnector;

/**
 * The runtime-API connector of an ssh LB. `sudo -n socat` is tried only when the LB says `sudo: true`. An LB with
 * no socket in the config reads its haproxy.cfg through the LB's own runner (hosts.ts), so that read goes under
 * sudo exactly when every other command there does, and is gated like them. Every call for the same LB shares
 * one discovery (the TUI makes two clients per LB: polls and operator commands), and a failed discovery is
 * retried on the next connect.
 */
export function sshConnectorFactory(pool: SshPool): SshConnectorFactory {
  // The discovered connector with the line it came from: every connector of the LB names that line, whichever
  // of them made the discovery.
  const discovered = new Map<string, Promise<{ connector: StreamConnector; from: string }>>();
  return (lb, host) => {
    const alias = sshAlias(lb);
    const target = sshOverrides(lb.ssh ?? {});
    const socket = (path: string) => sshSocket(pool, alias, path, { target, sudo: host.sudo });
    if (lb.haproxy.socket) return socket(lb.haproxy.socket);
    if (lb.haproxy.tcp) return sshTcp(pool, alias, lb.haproxy.tcp, target);
    let inner: { connector: StreamConnector; from: string } | null = null;
    const resolve = () => {
      let found = discovered.get(lb.name);
      if (!found) {
        const runner = host.runner();
        const read = runner ? discoverStatsSocket(runner, lb.haproxyHost?.config) : Promise.reject(new Error(`ssh ${alias}: no command runner`));
        found = read.then((d: DiscoveredSocket) => ({ connector: d.socket ? socket(d.socket) : sshTcp(pool, alias, d.tcp!, target), from: d.from }));
        found.catch(() => discovered.delete(lb.name));
        discovered.set(lb.name, found);
      }
      return found;
    };
    return {
      get label() {
        return inner ? `${inner.connector.label} (from ${inner.from})` : `ssh ${alias} → stats socket from haproxy.cfg`;
      },
      get keepable() {
        return inner?.connector.keepable === true;
      },
      async connect(timeoutMs) {
        inner ??= await resolve();
        return inner.connector.connect(timeoutMs);
      },
    };
  };
}

/**
 * Connects the SSH hosts of `lbs` before a subcommand sends its first command. A host's first handshake has a
 * deadline of its own, and waits while a passphrase is typed on the terminal; a one-shot runtime-API command
 * counts its reply timeout from before it connects, so that wait must be over before the command starts.
 * Failures are not reported here: the commands that follow report them, for their LB.
 */
export async function connectSshHosts(pool: SshPool | null, lbs: readonly LbConfig[]): Promise<void> {
  if (!pool) return;
  await Promise.all(
    lbs
      .filter((lb) => lb.ssh)
      .map((lb) =>
        pool
          .connection(sshAlias(lb), sshOverrides(lb.ssh!))
          .then((connection) => connection.connected(lb.haproxy.timeoutMs))
          .catch(() => undefined),
      ),
  );
}
