// The operator's OpenSSH setup, as OpenSSH itself resolves it: `ssh -G HOST` prints the effective options after
// Host/Match blocks, Include files and defaults, so lbtop never re-implements ssh_config parsing.
import os from 'node:os';
import { TransportError } from '../../model/errors.js';
import type { CommandRunner } from '../exec.js';

export interface JumpSpec {
  user?: string;
  host: string;
  port?: number;
}

export interface SshHostConfig {
  /** What the operator wrote (config alias or address); names the host in messages and labels. */
  alias: string;
  hostname: string;
  port: number;
  user: string;
  /** Tilde- and token-expanded; files that do not exist are skipped at auth time, as OpenSSH does. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** Agent socket from IdentityAgent; undefined = use SSH_AUTH_SOCK, null = IdentityAgent none. */
  identityAgent: string | null | undefined;
  /** ProxyJump hops, outermost first; empty for a direct connection. */
  proxyJump: JumpSpec[];
  /** Set when ssh_config has a ProxyCommand, which lbtop does not run. */
  proxyCommand: string | null;
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  hostKeyAlias: string | null;
  hashKnownHosts: boolean;
  /**
   * RevokedHostKeys: KRL or public-key-list files, tilde-, token- and ${ENV}-expanded as OpenSSH 9.4+ does (ssh -G
   * prints them unexpanded); empty when unset or `none`. A token or variable lbtop cannot expand is left as it is,
   * so the file is missing and the host refused, as ssh refuses it.
   */
  revokedHostKeys: string[];
  strictHostKeyChecking: string;
  connectTimeoutMs: number | null;
  serverAliveIntervalMs: number;
  serverAliveCountMax: number;
}

export interface ResolveOptions {
  runner: CommandRunner;
  /** `ssh -F FILE`: tests pass their own file so they never read the real ~/.ssh/config. */
  configFile?: string;
  /** Overrides from a ProxyJump spec (`user@host:port`), given to ssh -G as -l / -p like OpenSSH does. */
  user?: string;
  port?: number;
  /** lbtop.yaml's ssh: identity / jump, given to ssh -G as -i / -J so OpenSSH merges them as it would on a command line. */
  identity?: string;
  jump?: string;
  sshBin?: string;
}

// Host names and aliases reach `ssh` as an argument: refuse anything that could read as an option or carry spaces.
const HOST_WORD = /^[A-Za-z0-9_.:%@[\]-]+$/;

export async function resolveSshHost(alias: string, options: ResolveOptions): Promise<SshHostConfig> {
  if (!HOST_WORD.test(alias) || alias.startsWith('-')) {
    throw new TransportError(`invalid SSH host name ${JSON.stringify(alias)}`);
  }
  const argv = [options.sshBin ?? 'ssh', '-G'];
  if (options.configFile) argv.push('-F', options.configFile);
  if (options.user) argv.push('-l', options.user);
  if (options.port) argv.push('-p', String(options.port));
  if (options.identity) argv.push('-i', options.identity);
  if (options.jump) argv.push('-J', options.jump);
  argv.push('--', alias);
  const result = await options.runner.run(argv, { timeoutMs: 5000 });
  if (result.code !== 0) {
    throw new TransportError(
      `ssh ${alias}: \`ssh -G\` failed: ${result.stderr.trim() || `exit ${result.code}`}`,
      options.configFile ? `check ${options.configFile}` : 'check ~/.ssh/config (try `ssh -G ' + alias + '`)',
    );
  }
  return parseSshG(result.stdout, alias);
}

/** Pure: the text of `ssh -G` → typed config. Multi-valued keys (identityfile) repeat, in config order. */
export function parseSshG(text: string, alias: string, home = os.homedir(), localUser = currentUser()): SshHostConfig {
  const values = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const at = line.indexOf(' ');
    if (at <= 0) continue;
    const key = line.slice(0, at).toLowerCase();
    values.set(key, [...(values.get(key) ?? []), line.slice(at + 1).trim()]);
  }
  const one = (key: string, fallback = '') => values.get(key)?.[0] ?? fallback;
  const hostname = one('hostname', alias);
  const port = Number(one('port', '22'));
  const user = one('user', localUser);
  const tokens: Record<string, string> = {
    '%': '%', d: home, h: hostname, n: alias, p: String(port), r: user, u: localUser, l: os.hostname().split('.')[0] ?? '',
    L: os.hostname(), i: String(process.getuid?.() ?? ''), k: values.get('hostkeyalias')?.[0] ?? alias,
  };
  const expand = (value: string) =>
    value
      .replace(/^~(?=\/|$)/, home)
      .replace(/%([%dhnprulLik])|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, t?: string, env?: string) =>
        t ? (tokens[t] ?? all) : (process.env[env ?? ''] ?? all),
      );
  const files = (key: string) => (values.get(key) ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean).map(expand);
  const agent = one('identityagent');
  const seconds = (key: string) => {
    const n = Number(one(key, 'none'));
    return Number.isFinite(n) && n > 0 ? n * 1000 : null;
  };
  const jump = one('proxyjump', 'none');
  return {
    alias,
    hostname,
    port,
    user,
    identityFiles: files('identityfile'),
    identitiesOnly: one('identitiesonly') === 'yes',
    identityAgent: agent === '' || agent === 'SSH_AUTH_SOCK' ? undefined : agent === 'none' ? null : expand(agent),
    proxyJump: jump === 'none' ? [] : parseJumpSpecs(jump),
    proxyCommand: values.has('proxycommand') && one('proxycommand') !== 'none' ? one('proxycommand') : null,
    userKnownHostsFiles: files('userknownhostsfile'),
    globalKnownHostsFiles: files('globalknownhostsfile'),
    hostKeyAlias: values.has('hostkeyalias') ? one('hostkeyalias') : null,
    hashKnownHosts: one('hashknownhosts') === 'yes',
    revokedHostKeys: files('revokedhostkeys'),
    strictHostKeyChecking: one('stricthostkeychecking', 'ask'),
    connectTimeoutMs: seconds('connecttimeout'),
    serverAliveIntervalMs: seconds('serveraliveinterval') ?? 0,
    serverAliveCountMax: Number(one('serveralivecountmax', '3')) || 3,
  };
}

/** `bastion,ops@jump2:2200` or `ssh://ops@jump2:2200` → hops, outermost first. */
export function parseJumpSpecs(value: string): JumpSpec[] {
  return value.split(',').map((raw) => {
    const spec = raw.trim().replace(/^ssh:\/\//, '');
    const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
    if (!match) throw new TransportError(`invalid ProxyJump hop ${JSON.stringify(raw)}`);
    const [, user, host = '', port] = match;
    return { host: host.replace(/^\[|\]$/g, ''), ...(user ? { user } : {}), ...(port ? { port: Number(port) } : {}) };
  });
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}

export function describeHost(config: SshHostConfig): string {
  return `${config.user}@${config.hostname}${config.port === 22 ? '' : `:${config.port}`}`;
}
