// HAProxy's runtime-API socket on a remote host, as a StreamConnector. First choice: OpenSSH stream-local
// forwarding (a channel straight to the socket, no process on the host). When sshd refuses it
// (AllowStreamLocalForwarding no) or the login user cannot open the socket (Debian: mode 660, group haproxy),
// fall back to `socat` on the host, through `sudo -n` when the user cannot open the socket itself.
// The label says which route is in use, because an operator debugging access needs to know.
import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { TransportError } from '../../model/errors.js';
import type { StreamConnector } from '../types.js';
import type { SshConnection } from './connection.js';
import { ChannelOpenError, failChannel } from './errors.js';
import type { SshPool, SshTargetOverrides } from './pool.js';
import { shellJoin, shellQuote } from './quote.js';

export type SocketRoute = 'stream-local' | 'socat' | 'socat (sudo)';

export interface SshSocketOptions {
  /** Allow `sudo -n socat` when the login user cannot open the socket. Default true. */
  sudo?: boolean;
  /** socat on the remote host. */
  socat?: string;
  /** lbtop.yaml's ssh: keys for the host (user, port, identity, jump). */
  target?: SshTargetOverrides;
}

export interface SshSocketConnector extends StreamConnector {
  /** The route chosen by the first successful connect; null before. */
  readonly route: SocketRoute | null;
}

export function sshSocket(pool: SshPool, alias: string, socketPath: string, options: SshSocketOptions = {}): SshSocketConnector {
  let route: SocketRoute | null = null;
  // "ssh lb3" until the pool has resolved the host, then the connection's own label ("ssh lb3 via jump").
  let host = `ssh ${alias}`;
  const socat = options.socat ?? 'socat';
  return {
    get route() {
      return route;
    },
    get label() {
      return `${host} → ${route ? `${route} ` : ''}${socketPath}`;
    },
    async connect(timeoutMs) {
      const connection = await pool.connection(alias, options.target);
      host = connection.label;
      if (route === null || route === 'stream-local') {
        try {
          const channel = await connection.openStreamLocal(socketPath, timeoutMs);
          route = 'stream-local';
          // Behave like a local socket (allowHalfOpen false): when HAProxy closes after a one-shot reply, close our
          // side too, or sshd keeps the channel half-open and the reader never sees 'close'.
          channel.once('end', () => channel.end());
          return channel;
        } catch (error) {
          // Only a refusal by sshd says "try another route"; a dead link fails the same way on every route.
          if (!(error instanceof ChannelOpenError)) throw error;
          route = await chooseFallback(connection, socketPath, socat, options.sudo ?? true, timeoutMs, error);
        }
      }
      // -t 0: once HAProxy closes (one-shot mode), everything it sent has already been copied to stdout, so
      // socat may exit at once instead of lingering its default 0.5 s on every command.
      const argv = [socat, '-t', '0', '-', `UNIX-CONNECT:${socketPath}`];
      const command = shellJoin(route === 'socat (sudo)' ? ['sudo', '-n', ...argv] : argv);
      return socatStream(await connection.exec(command, timeoutMs), connection);
    },
  };
}

/** One exec that asks the host what it has: does the socket exist, can the login user open it, is socat there. */
async function chooseFallback(
  connection: SshConnection,
  socketPath: string,
  socat: string,
  sudo: boolean,
  timeoutMs: number,
  refusal: ChannelOpenError,
): Promise<SocketRoute> {
  const p = shellQuote(socketPath);
  const probe =
    `if [ ! -S ${p} ]; then echo missing; elif [ -r ${p} ] && [ -w ${p} ]; then echo open; else echo denied; fi; ` +
    `command -v ${shellQuote(socat)} >/dev/null 2>&1 && echo socat; command -v sudo >/dev/null 2>&1 && echo sudo`;
  const channel = await connection.exec(probe, timeoutMs);
  const facts = await readAll(channel);
  const where = `${connection.label}: ${socketPath}`;
  const has = (word: string) => facts.split('\n').includes(word);
  if (has('missing')) {
    throw new TransportError(`${where}: no such socket on the host (or its directory is not readable by ${connection.config.user})`,
      'check the `stats socket` line in haproxy.cfg, and that HAProxy is running');
  }
  if (!has('socat')) {
    throw new TransportError(`${where}: ${refusal.message.replace(/^.*?: /, '')}, and socat is not installed on the host for the fallback`,
      `install socat on ${connection.name}, or allow stream-local forwarding for ${connection.config.user} in sshd_config`);
  }
  if (has('open')) return 'socat';
  if (!sudo || !has('sudo')) {
    throw new TransportError(`${where}: permission denied for ${connection.config.user}`,
      `add ${connection.config.user} to the socket's group (Debian: haproxy), or allow \`sudo -n ${socat}\``);
  }
  return 'socat (sudo)';
}

/** socat's stdout/stdin as the stream; if socat or sudo fails, the stream errors with their stderr as the reason. */
function socatStream(channel: ClientChannel, connection: SshConnection): Duplex {
  let stderr = '';
  channel.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  // Attached before the caller sees the channel, so this runs before the caller's own 'close' listener.
  channel.on('close', (code?: number | null) => {
    if (code === 0 || code === null || code === undefined) return;
    const text = stderr.trim().split('\n').pop() ?? `exit ${code}`;
    const hint = /password is required|not allowed|sudoers/.test(stderr)
      ? `allow it without a password, e.g. in sudoers: ${connection.config.user} ALL=(root) NOPASSWD: /usr/bin/socat`
      : undefined;
    // Callers prefix their own label (which names host, route and socket), so the message is only the cause.
    failChannel(channel, new TransportError(`socat on the host failed: ${text}`, hint));
  });
  return channel;
}

function readAll(channel: ClientChannel): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    channel.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    channel.stderr.resume();
    channel.on('error', reject);
    channel.on('close', () => resolve(text));
    channel.end();
  });
}
