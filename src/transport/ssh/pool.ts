// The SSH connections of one lbtop run: hosts are named as in ssh_config, resolved by `ssh -G`, and share one
// connection each — a bastion used as ProxyJump by ten LBs is one connection carrying ten tunnels.
import { TransportError } from '../../model/errors.js';
import { localRunner, type CommandRunner } from '../exec.js';
import type { AskPassphrase, KeyCache } from './auth.js';
import { SshConnection, type Backoff, type SshTimeouts } from './connection.js';
import { resolveSshHost, type JumpSpec } from './ssh-config.js';

export interface SshPoolOptions {
  /** Runs `ssh -G` and `ssh-keygen -F` locally. */
  runner?: CommandRunner;
  /** `ssh -F FILE` instead of ~/.ssh/config (and no /etc/ssh/ssh_config), as ssh does. */
  configFile?: string;
  /** Replace UserKnownHostsFile / GlobalKnownHostsFile from ssh_config. */
  knownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
  /** Record unknown host keys (StrictHostKeyChecking=accept-new). Default: what ssh_config says. */
  acceptNew?: boolean;
  askPassphrase?: AskPassphrase;
  /** Agent socket; null = no agent. Default: IdentityAgent from ssh_config, else SSH_AUTH_SOCK. */
  agentSocket?: string | null;
  /** Override ConnectTimeout / ServerAliveInterval / ServerAliveCountMax from ssh_config. */
  timeouts?: Partial<SshTimeouts>;
  backoff?: Partial<Backoff>;
}

/** lbtop.yaml's ssh: keys for one host (all optional: ssh_config decides what is left out). */
export interface SshTargetOverrides {
  user?: string;
  port?: number;
  identity?: string;
  jump?: string;
  configFile?: string;
}

type Hop = SshTargetOverrides & { jumps?: JumpSpec[] };

// Tighter than OpenSSH's defaults (no keepalive at all): lbtop must notice a dead LB in seconds, not minutes.
// The handshake deadline when ssh_config has no ConnectTimeout: room for 50 first handshakes at once on 2 cores.
const DEFAULT_READY_MS = 15_000;
const DEFAULT_KEEPALIVE_MS = 3000;
const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000 };
const MAX_JUMPS = 8;

export class SshPool {
  private readonly runner: CommandRunner;
  private readonly connections = new Map<string, SshConnection>();
  private readonly byAlias = new Map<string, Promise<SshConnection>>();
  /** Decrypted identity files, shared by all hosts so a passphrase is asked once per run. */
  private readonly keyCache: KeyCache = new Map();

  constructor(private readonly options: SshPoolOptions = {}) {
    this.runner = options.runner ?? localRunner();
  }

  /**
   * The shared connection to an ssh_config host. Resolves the config; connects lazily, on first use. `target`
   * carries lbtop.yaml's ssh: keys, which override ssh_config as the same ssh command-line flags would.
   */
  connection(alias: string, target: SshTargetOverrides = {}): Promise<SshConnection> {
    const cacheKey = Object.values(target).some((v) => v !== undefined) ? `${alias}\0${JSON.stringify(target)}` : alias;
    let found = this.byAlias.get(cacheKey);
    if (!found) {
      found = this.build(alias, { user: target.user, port: target.port, identity: target.identity, jump: target.jump, configFile: target.configFile }, 0);
      // A failed resolution (typo, bad config) is retried on the next call rather than cached forever.
      found.catch(() => this.byAlias.delete(cacheKey));
      this.byAlias.set(cacheKey, found);
    }
    return found;
  }

  /** Every connection made so far, jump hosts included. */
  all(): SshConnection[] {
    return [...this.connections.values()];
  }

  close(): void {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
    this.byAlias.clear();
    this.keyCache.clear();
  }

  private async build(alias: string, hop: Hop, depth: number): Promise<SshConnection> {
    if (depth > MAX_JUMPS) throw new TransportError(`ssh ${alias}: ProxyJump chain longer than ${MAX_JUMPS} hops`, 'look for a ProxyJump loop in ~/.ssh/config');
    const { options } = this;
    const configFile = hop.configFile ?? options.configFile;
    const config = await resolveSshHost(alias, { runner: this.runner, configFile, user: hop.user, port: hop.port, identity: hop.identity, jump: hop.jump });
    const jumps = hop.jumps ?? config.proxyJump;
    if (jumps.length === 0 && config.proxyCommand) {
      throw new TransportError(`ssh ${alias}: ProxyCommand is not supported by lbtop`, 'use ProxyJump for this host in ~/.ssh/config');
    }
    // "a,b" means: reach b through a, then this host through b. The outermost hop uses its own ssh_config.
    const last = jumps[jumps.length - 1];
    const via = last
      ? await this.build(last.host, { user: last.user, port: last.port, configFile, jumps: jumps.length > 1 ? jumps.slice(0, -1) : undefined }, depth + 1)
      : undefined;
    const key = `${config.user}@${config.hostname}:${config.port}/${config.hostKeyAlias ?? ''}<${via ? via.label : ''}`;
    const existing = this.connections.get(key);
    if (existing) return existing;
    const t = options.timeouts ?? {};
    const connection = new SshConnection({
      config,
      via,
      knownHosts: {
        runner: this.runner,
        userFiles: options.knownHostsFiles ?? config.userKnownHostsFiles,
        globalFiles: options.globalKnownHostsFiles ?? config.globalKnownHostsFiles,
        acceptNew: options.acceptNew ?? config.strictHostKeyChecking === 'accept-new',
        hashKnownHosts: config.hashKnownHosts,
        revokedFiles: config.revokedHostKeys,
      },
      agentSocket:
        options.agentSocket !== undefined
          ? options.agentSocket
          : config.identityAgent !== undefined
            ? config.identityAgent
            : (process.env.SSH_AUTH_SOCK ?? null),
      askPassphrase: options.askPassphrase,
      keyCache: this.keyCache,
      timeouts: {
        readyMs: t.readyMs ?? config.connectTimeoutMs ?? DEFAULT_READY_MS,
        keepaliveIntervalMs: t.keepaliveIntervalMs ?? (config.serverAliveIntervalMs || DEFAULT_KEEPALIVE_MS),
        keepaliveCountMax: t.keepaliveCountMax ?? config.serverAliveCountMax,
      },
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    });
    this.connections.set(key, connection);
    return connection;
  }
}
