// HAProxy's runtime-API socket on a remote host, as a StreamConnector. First choice: OpenSSH stream-local
// forwarding (a channel straight to the socket, no process on the host). When sshd refuses it
// (AllowStreamLocalForwarding no) or the login user cannot open the socket (Debian: mode 660, group haproxy),
// fall back to `socat` on the host, through `sudo -n` when the user cannot open the socket itself and the LB says
// `sudo: true` (the LB's one switch for every command lbtop runs there, src/runtime/host-runners.ts): never on a
// host whose operator did not say lbtop may use sudo there.
// The label says which route is in use, because an operator debugging access needs to know. What socat may be
// given, and the sudoers rule for the sudo route, are in socat.ts.
import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { TransportError } from '../../model/errors.js';
import type { StreamConnector } from '../types.js';
import type { SshConnection } from './connection.js';
import { ChannelOpenError, failChannel } from './errors.js';
import type { SshPool, SshTargetOverrides } from './pool.js';
import { shellJoin, shellQuote } from '../shell-quote.js';
import { checkSocatSocketPath, socatArgv, sudoersRule } from './socat.js';

export type SocketRoute = 'stream-local' | 'socat' | 'socat (sudo)';

export interface SshSocketOptions {
  /** Allow `sudo -n socat` when the login user cannot open the socket: the LB's `sudo:`. Default false. */
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
  // socat as the host resolves it (`command -v`), once the fallback has been probed: the sudo route runs that
  // absolute path, which is what the suggested sudoers rule names.
  let socat = options.socat ?? 'socat';
  return {
    get route() {
      return route;
    },
    get label() {
      return `${host} → ${route ? `${route} ` : ''}${socketPath}`;
    },
    get keepable() {
      return route === 'stream-local';
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
          // Before anything runs on the host: a path socat would read as address options is never handed to it.
          checkSocatSocketPath(socketPath, `${connection.label}: ${socketPath}`);
          ({ route, socat } = await chooseFallback(connection, socketPath, socat, options.sudo ?? false, timeoutMs, error));
        }
      }
      const argv = socatArgv(socat, socketPath);
      const command = shellJoin(route === 'socat (sudo)' ? ['sudo', '-n', ...argv] : argv);
      return socatStream(await connection.exec(command, timeoutMs), sudoAdvice(connection.config.user, socat, socketPath));
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
): Promise<{ route: SocketRoute; socat: string }> {
  const p = shellQuote(socketPath);
  const probe =
    `if [ ! -S ${p} ]; then echo missing; elif [ -r ${p} ] && [ -w ${p} ]; then echo open; else echo denied; fi; ` +
    `s=$(command -v ${shellQuote(socat)} 2>/dev/null) && printf 'socat %s\\n' "$s"; command -v sudo >/dev/null 2>&1 && echo sudo`;
  const channel = await connection.exec(probe, timeoutMs);
  const facts = (await readAll(channel)).split('\n');
  const where = `${connection.label}: ${socketPath}`;
  const has = (word: string) => facts.includes(word);
  const found = facts.find((f) => f.startsWith('socat '))?.slice('socat '.length);
  if (has('missing')) {
    throw new TransportError(`${where}: no such socket on the host (or its directory is not readable by ${connection.config.user})`,
      'check the `stats socket` line in haproxy.cfg, and that HAProxy is running');
  }
  if (!found) {
    throw new TransportError(`${where}: ${refusal.message.replace(/^.*?: /, '')}, and socat is not installed on the host for the fallback`,
      `install socat on ${connection.name}, or allow stream-local forwarding for ${connection.config.user} in sshd_config`);
  }
  if (has('open')) return { route: 'socat', socat: found };
  const user = connection.config.user;
  if (!sudo) {
    throw new TransportError(`${where}: permission denied for ${user}`,
      `add ${user} to the socket's group (Debian: haproxy), or say \`sudo: true\` for this LB in lbtop.yaml and ${sudoAdvice(user, found, socketPath)}`);
  }
  if (!has('sudo')) {
    throw new TransportError(`${where}: permission denied for ${user}, and sudo is not installed on the host (the LB says \`sudo: true\`)`,
      `add ${user} to the socket's group (Debian: haproxy), or install sudo and ${sudoAdvice(user, found, socketPath)}`);
  }
  return { route: 'socat (sudo)', socat: found };
}

/** The advice for the sudo route: the exact rule when one can be written (never a bare `socat`, which is root). */
function sudoAdvice(user: string, socat: string, socketPath: string): string {
  const rule = sudoersRule(user, socat, socketPath);
  return rule
    ? `allow exactly lbtop's command without a password, in sudoers (visudo -f /etc/sudoers.d/lbtop): ${rule}`
    : `allow \`sudo -n ${socat} -t 0 - UNIX-CONNECT:${socketPath}\` (that exact command) without a password`;
}

/** socat's stdout/stdin as the stream; if socat or sudo fails, the stream errors with their stderr as the reason. */
function socatStream(channel: ClientChannel, advice: string): Duplex {
  let stderr = '';
  channel.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  // Attached before the caller sees the channel, so this runs before the caller's own 'close' listener.
  channel.on('close', (code?: number | null) => {
    if (code === 0 || code === null || code === undefined) return;
    const text = stderr.trim().split('\n').pop() ?? `exit ${code}`;
    const hint = /password is required|not allowed|sudoers/.test(stderr) ? advice : undefined;
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
