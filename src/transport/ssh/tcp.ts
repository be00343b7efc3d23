// A TCP stats socket (`stats socket ipv4@127.0.0.1:9999`) on a remote host, reached through the host's SSH
// connection by a direct-tcpip channel (ssh -L without the local port): the address is resolved on the host.
import type { StreamConnector } from '../types.js';
import type { SshPool, SshTargetOverrides } from './pool.js';

export function sshTcp(pool: SshPool, alias: string, address: string, target?: SshTargetOverrides): StreamConnector {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  if (!m) throw new Error(`invalid host:port ${JSON.stringify(address)}`);
  const [, host, port] = m;
  let label = `ssh ${alias}`;
  return {
    get label() {
      return `${label} → tcp ${address}`;
    },
    keepable: true,
    async connect(timeoutMs) {
      const connection = await pool.connection(alias, target);
      label = connection.label;
      const channel = await connection.forwardOut(host!, Number(port), timeoutMs);
      // As for stream-local: HAProxy's close after a one-shot reply must close our side too.
      channel.once('end', () => channel.end());
      return channel;
    },
  };
}
