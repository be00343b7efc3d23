// ssh2's errors, turned into messages an operator can act on at 3 a.m. (what failed, where, and what to try).
import type { ClientChannel } from 'ssh2';
import { TransportError } from '../../model/errors.js';
import type { SshHostConfig } from './ssh-config.js';

/** The server refused to open a channel (stream-local forwarding prohibited, socket not reachable, …). */
export class ChannelOpenError extends TransportError {
  constructor(
    message: string,
    /** SSH_OPEN_* reason code: 1 administratively prohibited, 2 connect failed; undefined if the link died. */
    readonly reason: number | undefined,
    hint?: string,
  ) {
    super(message, hint);
  }

  static from(label: string, what: string, error: Error & { reason?: unknown }): ChannelOpenError | TransportError {
    if (typeof error.reason !== 'number') return new TransportError(`${label}: ${what}: ${error.message}`);
    const why = error.message.replace(/^\(SSH\) Channel open failure: /, '') || 'refused';
    return new ChannelOpenError(`${label}: server refused ${what}: ${why}`, error.reason);
  }
}

/**
 * A host key refused for revocation: listed in a RevokedHostKeys file or on a known_hosts `@revoked` line, or not
 * checkable because the RevokedHostKeys file is missing or malformed (ssh refuses the host then too).
 */
export class RevokedHostKeyError extends TransportError {
  constructor(
    message: string,
    hint: string,
    /** The name the key was checked for (`host`, `[host]:port` or the HostKeyAlias). */
    readonly host: string,
    /** SHA256:… of the offered key, as `ssh-keygen -l` prints it. */
    readonly fingerprint: string,
    /** The RevokedHostKeys file, or the known_hosts file holding the `@revoked` line. */
    readonly file: string,
    /** `revoked`: the key is listed; `unchecked`: the file could not be read, so nothing may pass. */
    readonly verdict: 'revoked' | 'unchecked',
  ) {
    super(message, hint);
  }
}

export function describeError(
  label: string,
  config: SshHostConfig,
  error: Error & { level?: string; code?: string },
  triedAuth: string[],
): TransportError {
  const where = `${config.hostname}:${config.port}`;
  if (error.level === 'client-authentication') {
    const tried = triedAuth.length > 0 ? triedAuth.join(', ') : 'nothing (no agent, no readable identity file)';
    return new TransportError(
      `${label}: authentication as ${config.user} failed; tried ${tried}`,
      `load the key with ssh-add, or set IdentityFile and User for ${config.alias} in ~/.ssh/config; check that \`ssh ${config.alias}\` works`,
    );
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return new TransportError(`${label}: connection refused by ${where}`, `is sshd running and listening on port ${config.port}?`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new TransportError(`${label}: ${where} is unreachable`, 'check the network path (routes, VPN, ProxyJump)');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TransportError(`${label}: cannot resolve ${config.hostname}`, `check HostName for ${config.alias} in ~/.ssh/config`);
    case 'ECONNRESET':
      return new TransportError(`${label}: connection reset by ${where}`);
    default:
      return new TransportError(`${label}: ${error.message}`);
  }
}

/** A deadline that can be paused, so time spent typing a passphrase does not count as a slow server. */
export class PausableTimer {
  private timer: NodeJS.Timeout | null = null;
  private remaining: number;
  private startedAt = 0;
  private stopped = false;

  constructor(
    ms: number,
    private readonly fire: () => void,
  ) {
    this.remaining = ms;
    this.resume();
  }

  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.remaining -= Date.now() - this.startedAt;
  }

  resume(): void {
    if (this.stopped || this.timer) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(this.fire, Math.max(1, this.remaining));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * Tells whoever reads a channel why it is about to close. ssh2's channel.destroy() takes no error (it ends and closes
 * politely), so the error is emitted directly; the close itself follows from ssh2 or the remote end.
 */
export function failChannel(channel: ClientChannel, error: TransportError): void {
  if (channel.listenerCount('error') > 0) channel.emit('error', error);
}
