// ssh_config resolution through the real `ssh -G`, on a config file of our own (never the real ~/.ssh).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localRunner } from '../../src/transport/exec.js';
import { parseJumpSpecs, resolveSshHost } from '../../src/transport/ssh/ssh-config.js';

describe('resolveSshHost', () => {
  let dir: string;
  let configFile: string;
  const resolve = (alias: string, extra: { user?: string; port?: number } = {}) =>
    resolveSshHost(alias, { runner: localRunner(), configFile, ...extra });

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-sshcfg-'));
    configFile = path.join(dir, 'config');
    writeFileSync(path.join(dir, 'included'), 'Host lb2\n  HostName 10.213.1.12\n  ProxyJump none\n');
    writeFileSync(
      configFile,
      `Include ${dir}/included
Host lb1
  HostName 10.213.1.11
  User ops
  Port 2222
  IdentityFile ~/.ssh/lb_key
  IdentityFile ${dir}/%h_%r_key
  IdentitiesOnly yes
  IdentityAgent none
  ProxyJump bastion,admin@jump2:2200
  UserKnownHostsFile ${dir}/known_hosts ~/.ssh/known_hosts2
  HostKeyAlias lb1-key
  HashKnownHosts yes
  StrictHostKeyChecking accept-new
  ServerAliveInterval 4
  ServerAliveCountMax 2
  ConnectTimeout 7
Match host 10.213.1.12
  User matched
Host *
  ProxyJump bastion
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns what OpenSSH would use for a Host alias, with ~ and %-tokens expanded', async () => {
    const config = await resolve('lb1');
    expect(config).toMatchObject({
      alias: 'lb1',
      hostname: '10.213.1.11',
      port: 2222,
      user: 'ops',
      identitiesOnly: true,
      identityAgent: null,
      proxyJump: [{ host: 'bastion' }, { host: 'jump2', user: 'admin', port: 2200 }],
      userKnownHostsFiles: [path.join(dir, 'known_hosts'), path.join(os.homedir(), '.ssh/known_hosts2')],
      hostKeyAlias: 'lb1-key',
      hashKnownHosts: true,
      strictHostKeyChecking: 'accept-new',
      serverAliveIntervalMs: 4000,
      serverAliveCountMax: 2,
      connectTimeoutMs: 7000,
    });
    expect(config.identityFiles).toEqual([path.join(os.homedir(), '.ssh/lb_key'), path.join(dir, '10.213.1.11_ops_key')]);
  });

  it('expands RevokedHostKeys as OpenSSH 9.4+ does (ssh -G prints it as written), and reads none as unset', async () => {
    writeFileSync(
      path.join(dir, 'revoked'),
      [
        'Host lb5\n  HostKeyAlias lb5-key\n  RevokedHostKeys ~/krl/%h-%k',
        'Host lb6\n  RevokedHostKeys ${LBTOP_TEST_KRL_DIR}/x',
        // ssh fails on an unset variable; left as written, the file is missing and the host refused.
        'Host lb7\n  RevokedHostKeys ${LBTOP_NO_SUCH_VAR}/y',
        'Host lb8\n  RevokedHostKeys none\n',
      ].join('\n'),
    );
    process.env.LBTOP_TEST_KRL_DIR = dir;
    const revoked = (alias: string) =>
      resolveSshHost(alias, { runner: localRunner(), configFile: path.join(dir, 'revoked') }).then((c) => c.revokedHostKeys);
    try {
      expect(await revoked('lb5')).toEqual([path.join(os.homedir(), 'krl/lb5-lb5-key')]);
      expect(await revoked('lb6')).toEqual([path.join(dir, 'x')]);
      expect(await revoked('lb7')).toEqual(['${LBTOP_NO_SUCH_VAR}/y']);
      expect(await revoked('lb8')).toEqual([]);
      expect(await revoked('lb1')).toEqual([]);
    } finally {
      delete process.env.LBTOP_TEST_KRL_DIR;
    }
  });

  it('follows Include and Match, and the first ProxyJump wins', async () => {
    const config = await resolve('lb2');
    expect(config).toMatchObject({ hostname: '10.213.1.12', user: 'matched', port: 22, proxyJump: [], identityAgent: undefined });
  });

  it('applies a jump spec user and port over the config, as ssh -l / -p do', async () => {
    expect(await resolve('jump2', { user: 'admin', port: 2200 })).toMatchObject({ hostname: 'jump2', user: 'admin', port: 2200 });
  });

  it('refuses a host name that would reach ssh as an option', async () => {
    await expect(resolve('-oProxyCommand=sh')).rejects.toThrow(/invalid SSH host name/);
    await expect(resolve('a b')).rejects.toThrow(/invalid SSH host name/);
  });
});

describe('parseJumpSpecs', () => {
  it('reads user@host:port, [v6]:port and ssh:// forms', () => {
    expect(parseJumpSpecs('a,u@b:2,ssh://v@[fd00::1]:22')).toEqual([
      { host: 'a' },
      { host: 'b', user: 'u', port: 2 },
      { host: 'fd00::1', user: 'v', port: 22 },
    ]);
  });
});
