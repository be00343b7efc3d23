// Connectors for LBs declared with `ssh:`: the runtime API through the host's one shared SSH connection
// (stream-local forwarding, else socat, else sudo socat; or a TCP socket by direct-tcpip), and the host's
// commands as exec channels. An LB with no socket in the config gets it from its haproxy.cfg on first connect.
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

/**
 * The runtime-API connector of an ssh LB. Every call for the same LB shares one discovery (the TUI makes two
 * clients per LB: polls and operator commands), and a failed discovery is retried on the next connect.
 */
export function sshConnectorFactory(pool: SshPool): (lb: LbConfig) => StreamConnector {
  const discovered = new Map<string, Promise<StreamConnector>>();
  return (lb) => {
    const alias = sshAlias(lb);
    const target = sshOverrides(lb.ssh ?? {});
    if (lb.haproxy.socket) return sshSocket(pool, alias, lb.haproxy.socket, { target });
    if (lb.haproxy.tcp) return sshTcp(pool, alias, lb.haproxy.tcp, target);
    let inner: StreamConnector | null = null;
    let from = '';
    const resolve = () => {
      let found = discovered.get(lb.name);
      if (!found) {
        found = discoverStatsSocket(sshRunner(pool, alias, target), lb.haproxyHost?.config).then((d: DiscoveredSocket) => {
          from = d.from;
          return d.socket ? sshSocket(pool, alias, d.socket, { target }) : sshTcp(pool, alias, d.tcp!, target);
        });
        found.catch(() => discovered.delete(lb.name));
        discovered.set(lb.name, found);
      }
      return found;
    };
    return {
      get label() {
        return inner ? `${inner.label} (from ${from})` : `ssh ${alias} → stats socket from haproxy.cfg`;
      },
      get keepable() {
        return inner?.keepable === true;
      },
      async connect(timeoutMs) {
        inner ??= await resolve();
        return inner.connect(timeoutMs);
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
