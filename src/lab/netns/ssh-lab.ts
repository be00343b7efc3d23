// A namespace lab with a real sshd per host, a client key, a known_hosts file and an ssh_config of our own
// (ssh -F), so nothing reads or writes the real ~/.ssh. Used by the SSH tests and, through fleet-lab.ts, by
// `lbtop demo --fleet`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SshPool, type SshPoolOptions } from '../../transport/ssh/pool.js';
import { startHostShell, type HostShell, type HostShellOptions } from './host-shell.js';
import { makeKeyPair, type KeyPair } from './keys.js';
import { NetnsLab } from './lab.js';
import { startSshRelay, type SshRelay } from './ssh-relay.js';
import { startSshd, type SshdProcess } from './sshd.js';
import { startUsernsHolder } from './userns.js';
import { ensureLoginUser, LAB_USER } from './user.js';

export interface SshLabSpec {
  /** Host name → extra sshd_config lines. */
  hosts: Record<string, (lab: NetnsLab) => string[]>;
  /** ssh_config text; `@KEY@` is the client key, `@USER@` the login user, `@KNOWN@` the known_hosts file. */
  sshConfig: (lab: NetnsLab) => string;
  /** Namespaces without sshd (backend nodes behind the LBs). */
  plainHosts?: string[];
  /**
   * Login user. Default: the lab's non-root user (created on first use), which the socket-permission fallbacks
   * need. The demo logs in as root instead, so running it never adds an account to the operator's machine.
   */
  user?: string;
  /** Build the lab in a user namespace (no root): sshds reached through loopback relays (ssh-relay.ts). */
  userns?: boolean;
  /** Hosts whose sshd runs in a host shell of their own (private /tmp and /run, see host-shell.ts), with options. */
  shells?: Record<string, (lab: NetnsLab) => HostShellOptions>;
}

export interface SshLab {
  lab: NetnsLab;
  user: string;
  clientKey: KeyPair;
  sshd: Record<string, SshdProcess>;
  /** The host shells of `spec.shells`. */
  shells: Record<string, HostShell>;
  knownHosts: string;
  configFile: string;
  /** A pool on the lab's ssh_config and known_hosts, with no agent; closed by close(). */
  pool(options?: SshPoolOptions): SshPool;
  close(): Promise<void>;
}

/** `Host NAME` / `HostName ADDRESS` stanzas of an ssh_config, one per lab host: the lines every lab config starts with. */
export function hostStanzas(lab: NetnsLab, names: readonly string[]): string {
  return names
    .map((name) => {
      const relayed = lab.reach.get(name);
      return relayed ? `Host ${name}\n  HostName ${relayed.host}\n  Port ${relayed.port}\n` : `Host ${name}\n  HostName ${lab.host(name).address}\n`;
    })
    .join('');
}

/** The usual lab ssh_config: the named hosts, the lab's key, user and known_hosts, nothing from the system. */
export function labSshConfig(names: readonly string[]): (lab: NetnsLab) => string {
  return (lab) => `
${hostStanzas(lab, names)}Host *
  IdentityFile @KEY@
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
`;
}

/** Quick failure detection so the link tests stay in seconds. */
export const FAST = { timeouts: { readyMs: 2500, keepaliveIntervalMs: 500, keepaliveCountMax: 3 }, backoff: { initialMs: 200, maxMs: 1000 } };

/** `makeKeys` makes more key pairs in the lab directory (agent keys, encrypted keys); sshd authorizes them too. */
export async function startSshLab(spec: SshLabSpec, makeKeys: (dir: string) => KeyPair[] = () => []): Promise<SshLab> {
  const user = spec.user ?? LAB_USER;
  if (user === LAB_USER) ensureLoginUser();
  const userns = spec.userns ? await startUsernsHolder() : undefined;
  const lab = NetnsLab.create({ hosts: [...Object.keys(spec.hosts), ...(spec.plainHosts ?? [])], ...(userns ? { userns } : {}) });
  const pools: SshPool[] = [];
  const sshd: Record<string, SshdProcess> = {};
  const shells: Record<string, HostShell> = {};
  let relay: SshRelay | null = null;
  const closeShells = () => Object.values(shells).forEach((s) => s.close());
  try {
    for (const [host, options] of Object.entries(spec.shells ?? {})) shells[host] = await startHostShell(lab, host, options(lab));
    const clientKey = makeKeyPair(path.join(lab.dir, 'id_client'));
    const extra = makeKeys(lab.dir);
    const authorizedKeys = [clientKey, ...extra].map((k) => k.publicKey);
    await Promise.all(
      Object.entries(spec.hosts).map(async ([host, lines]) => {
        const shell = shells[host];
        sshd[host] = await startSshd(lab, { host, authorizedKeys, extraConfig: lines(lab), ...(shell ? { shell } : {}) });
      }),
    );
    if (lab.userns) {
      relay = await startSshRelay(lab, Object.values(sshd).map((s) => ({ host: s.host, port: s.port })));
      for (const [host, port] of Object.entries(relay.ports)) lab.reach.set(host, { host: '127.0.0.1', port });
    }
    const knownHosts = path.join(lab.dir, 'known_hosts');
    const knownName = (s: SshdProcess) => {
      const relayed = lab.reach.get(s.host);
      return relayed ? `[${relayed.host}]:${relayed.port}` : undefined;
    };
    writeFileSync(knownHosts, Object.values(sshd).map((s) => `${s.knownHostsLine(knownName(s))}\n`).join(''));
    const configFile = path.join(lab.dir, 'ssh_config');
    writeFileSync(
      configFile,
      spec.sshConfig(lab).replaceAll('@KEY@', clientKey.path).replaceAll('@USER@', user).replaceAll('@KNOWN@', knownHosts),
    );
    return {
      lab,
      user,
      clientKey,
      sshd,
      shells,
      knownHosts,
      configFile,
      pool(options = {}) {
        const pool = new SshPool({ configFile, agentSocket: null, ...options });
        pools.push(pool);
        return pool;
      },
      async close() {
        for (const pool of pools) pool.close();
        await relay?.close();
        await Promise.all(Object.values(sshd).map((s) => s.stop()));
        closeShells();
        lab.teardown();
      },
    };
  } catch (error) {
    await relay?.close();
    closeShells();
    lab.teardown();
    throw error;
  }
}
