// One SSH connection per host, kept alive and multiplexed: every stream and command is a channel on it. A link
// that goes silent is found by keepalives within seconds; the host is then `down` (stale) and the next request
// reconnects, with exponential backoff between failed attempts so a dead host costs nothing while others poll.
import type { Client, ClientChannel } from 'ssh2';
import { TransportError } from '../../model/errors.js';
import type { AskPassphrase, KeyCache } from './auth.js';
import { ChannelOpenError, failChannel } from './errors.js';
import { askServerNoDelay } from './nodelay.js';
import { openSession } from './session.js';
import { Slots } from './slots.js';
import type { KnownHostsPolicy } from './known-hosts.js';
import type { SshHostConfig } from './ssh-config.js';

export type LinkState = 'idle' | 'connecting' | 'ready' | 'down';

export interface SshTimeouts {
  /**
   * TCP connect + key exchange + auth, not counting time spent at a passphrase prompt (ssh_config's
   * ConnectTimeout). A host's first connect waits this long even when the request that started it has a shorter
   * timeout: at start 50 handshakes share the CPU, and a poll that gave up on one would only show a failure.
   */
  readyMs: number;
  keepaliveIntervalMs: number;
  /** Unanswered keepalives before the link is declared dead (ServerAliveCountMax). */
  keepaliveCountMax: number;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export interface SshConnectionOptions {
  config: SshHostConfig;
  /** The jump host this one is reached through (ProxyJump), by a forwarded TCP channel. */
  via?: SshConnection;
  knownHosts: KnownHostsPolicy;
  agentSocket: string | null;
  askPassphrase?: AskPassphrase;
  keyCache: KeyCache;
  timeouts: SshTimeouts;
  backoff: Backoff;
  /** Concurrent exec channels (commands, socat streams); stream-local and tunnels do not count. */
  maxSessions?: number;
}

// sshd's MaxSessions defaults to 10; 6 leaves room for sessions that sshd has not finished closing.
const DEFAULT_MAX_SESSIONS = 6;
const SESSION_RETRY_MS = 50;
const OPEN_CONNECT_FAILED = 2; // SSH_OPEN_CONNECT_FAILED: how sshd reports "no more sessions"

export class SshConnection {
  private client: Client | null = null;
  private pending: Promise<Client> | null = null;
  private current: LinkState = 'idle';
  private error: TransportError | null = null;
  private failures = 0;
  private nextAttemptAt = 0;
  private closed = false;
  private attempts = 0;
  private dropReason: string | null = null;
  private readonly channels = new Set<ClientChannel>();
  private readonly listeners = new Set<(state: LinkState) => void>();
  private readonly sessions: Slots;

  constructor(private readonly options: SshConnectionOptions) {
    this.sessions = new Slots(options.maxSessions ?? DEFAULT_MAX_SESSIONS);
  }

  get name(): string {
    return this.options.config.alias;
  }
  get config(): SshHostConfig {
    return this.options.config;
  }
  /** "ssh lb1", or "ssh lb1 via bastion" behind a jump host. */
  get label(): string {
    return `ssh ${this.name}${this.options.via ? ` via ${this.options.via.name}` : ''}`;
  }
  get state(): LinkState {
    return this.current;
  }
  /** True while the link is down: whatever was read over it is stale. */
  get stale(): boolean {
    return this.current === 'down';
  }
  get lastError(): TransportError | null {
    return this.error;
  }

  /** Called on every state change; returns an unsubscribe function. */
  onChange(listener: (state: LinkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A session channel running `command`. Waits for a free session slot within the same timeout. */
  async exec(command: string, timeoutMs: number): Promise<ClientChannel> {
    // A first handshake has its own deadline (see connected()); the command's clock starts once connected.
    await this.connected(timeoutMs);
    const deadline = Date.now() + timeoutMs;
    const release = await this.sessions.take(timeoutMs, this.label);
    try {
      for (;;) {
        try {
          const channel = await this.open('exec channel', Math.max(1, deadline - Date.now()), (c, cb) => c.exec(command, cb));
          channel.once('close', release);
          return channel;
        } catch (error) {
          // sshd says "no more sessions" while closed sessions are still being reaped: retry briefly.
          const busy = error instanceof ChannelOpenError && error.reason === OPEN_CONNECT_FAILED;
          if (!busy || Date.now() + SESSION_RETRY_MS >= deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, SESSION_RETRY_MS));
        }
      }
    } catch (error) {
      release();
      throw error;
    }
  }

  openStreamLocal(socketPath: string, timeoutMs: number): Promise<ClientChannel> {
    return this.open(`stream-local ${socketPath}`, timeoutMs, (c, cb) => c.openssh_forwardOutStreamLocal(socketPath, cb));
  }

  forwardOut(host: string, port: number, timeoutMs: number): Promise<ClientChannel> {
    return this.open(`tunnel to ${host}:${port}`, timeoutMs, (c, cb) => c.forwardOut('127.0.0.1', 0, host, port, cb));
  }

  /** Resolves with a ready client, connecting if needed. Never waits out a backoff: it rejects at once. */
  ready(): Promise<Client> {
    if (this.closed) return Promise.reject(new TransportError(`${this.label}: connection closed`));
    if (this.client) return Promise.resolve(this.client);
    if (this.pending) return this.pending;
    const wait = this.nextAttemptAt - Date.now();
    if (wait > 0 && this.error) {
      const next = `next attempt in ${Math.ceil(wait / 1000)} s`;
      return Promise.reject(new TransportError(`${this.error.message} (${next})`, this.error.hint));
    }
    this.pending = this.attempt().finally(() => (this.pending = null));
    return this.pending;
  }

  close(): void {
    this.closed = true;
    this.dropChannels(new TransportError(`${this.label}: connection closed`));
    this.client?.end();
    this.client = null;
    this.setState('idle');
  }

  /**
   * A ready client for a request with `timeoutMs`. The first connect of a host is bounded by its own handshake
   * deadline (readyMs), which also ends a host that hangs; every later (re)connect by the request's timeout, so a
   * host that was up and went away turns stale within a poll (that handshake carries on in the background, and
   * the next request may find it ready). Each host has its own connection: waiting here holds back no other host.
   */
  connected(timeoutMs: number): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    const ready = this.ready();
    if (this.pending !== null && this.attempts === 1) return ready;
    return new Promise<Client>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TransportError(`${this.label}: not connected within ${timeoutMs} ms`)), timeoutMs);
      ready.then(
        (client) => (clearTimeout(timer), resolve(client)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }

  private async attempt(): Promise<Client> {
    this.attempts += 1;
    this.setState('connecting');
    try {
      const { via, timeouts, config } = this.options;
      const client: Client = await openSession(this.label, this.options, {
        tunnel: via ? () => via.forwardOut(config.hostname, config.port, timeouts.readyMs) : undefined,
        onTrouble: (reason) => {
          if (this.client === client) this.dropReason = reason;
        },
        onClose: () => this.lost(client),
      });
      if (this.closed) {
        // close() ran while we were connecting: nobody wants this session any more.
        client.end();
        throw new TransportError(`${this.label}: connection closed`);
      }
      // Runtime-API commands are small writes answered by small replies: with Nagle's algorithm on, a write that
      // follows another waits for its ACK, which the peer delays by up to 40 ms (Linux's delayed ACK). That wait
      // was most of a poll's and an action's time over SSH (measured in bench/ssh-fleet.ts). Both ends: ours
      // here, sshd's through its first session (see askServerNoDelay).
      client.setNoDelay(true);
      await askServerNoDelay(client, Math.min(2000, this.options.timeouts.readyMs));
      this.client = client;
      this.failures = 0;
      this.error = null;
      this.setState('ready');
      return client;
    } catch (error) {
      this.failures += 1;
      const delay = Math.min(this.options.backoff.maxMs, this.options.backoff.initialMs * 2 ** (this.failures - 1));
      this.nextAttemptAt = Date.now() + delay;
      this.error = error instanceof TransportError ? error : new TransportError(`${this.label}: ${String(error)}`);
      this.setState('down');
      throw this.error;
    }
  }

  /** The link of a ready client went away: mark the host down and fail what was riding on it. */
  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.error = new TransportError(
      `${this.label}: link lost (${this.dropReason ?? 'connection closed by the server'})`,
      'lbtop reconnects on the next refresh; the data on screen is stale until then',
    );
    this.dropReason = null;
    // A link that was working gets one immediate retry; backoff only starts if that retry fails.
    this.failures = 0;
    this.nextAttemptAt = 0;
    this.dropChannels(this.error);
    this.setState('down');
  }

  /** Opens a channel, connecting first if needed (see connected()); `timeoutMs` then bounds the channel's opening. */
  private async open(
    what: string,
    timeoutMs: number,
    request: (client: Client, cb: (err: Error | undefined, channel: ClientChannel) => void) => void,
  ): Promise<ClientChannel> {
    const client = await this.connected(timeoutMs);
    return new Promise<ClientChannel>((resolve, reject) => {
      let done = false;
      const finish = (error: TransportError | null, channel?: ClientChannel) => {
        if (done) return void channel?.close(); // answered after we gave up
        done = true;
        clearTimeout(timer);
        if (error || !channel) return reject(error);
        this.channels.add(channel);
        channel.once('close', () => this.channels.delete(channel));
        resolve(channel);
      };
      const timer = setTimeout(() => finish(new TransportError(`${this.label}: no answer opening ${what} within ${timeoutMs} ms`)), timeoutMs);
      try {
        request(client, (err, channel) => finish(err ? ChannelOpenError.from(this.label, what, err) : null, channel));
      } catch (error) {
        // ssh2 throws "Not connected" when the socket died between connecting and now.
        finish(new TransportError(`${this.label}: ${(error as Error).message}`));
      }
    });
  }

  // ssh2 closes the channels of a dead connection itself; this only gives their readers the reason first.
  private dropChannels(error: TransportError): void {
    for (const channel of this.channels) failChannel(channel, error);
    this.channels.clear();
  }

  private setState(state: LinkState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
