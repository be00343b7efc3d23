// Client auth (agent, identity files, passphrases) and strict host-key checking, against a real sshd.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyPair, startAgent, type AgentProcess, type KeyPair } from '../../src/lab/netns/keys.js';
import { sh } from '../../src/lab/netns/sh.js';
import { startSshd, type SshdProcess } from '../../src/lab/netns/sshd.js';
import { TransportError } from '../../src/model/errors.js';
import { sshRunner } from '../../src/transport/ssh/runner.js';
import type { SshPool } from '../../src/transport/ssh/pool.js';
import { startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';

const PASSPHRASE = 'correct horse battery staple';
const whoami = (pool: SshPool, alias: string) => sshRunner(pool, alias).run(['id', '-un']).then((r) => r.stdout);
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a refusal'), (e: unknown) => e as TransportError);
const fingerprint = (pubFile: string) => sh(['ssh-keygen', '-lf', pubFile]).stdout.split(' ')[1]!;

describe('SSH auth and host keys', () => {
  let ssh: SshLab;
  let agentKey: KeyPair;
  let encKey: KeyPair;
  let agent: AgentProcess;
  let sshd2222: SshdProcess;
  let address: string;
  const file = (name: string) => path.join(ssh.lab.dir, name);

  beforeAll(async () => {
    ssh = await startSshLab(
      {
        hosts: { lb1: () => [] },
        sshConfig: (lab) => `
Host lb1 lb1-hashed
  IdentityFile @KEY@
Host lb1-hashed
  HashKnownHosts yes
Host lb1-agent
  IdentityFile ${lab.dir}/absent_key
Host lb1-only
  IdentitiesOnly yes
  IdentityFile ${lab.dir}/agent_key
Host lb1-only-none
  IdentitiesOnly yes
  IdentityFile ${lab.dir}/absent_key
Host lb1-enc lb1-enc2
  IdentityFile ${lab.dir}/enc_key
Host lb1-2222
  Port 2222
  IdentityFile @KEY@
Host *
  HostName ${lab.host('lb1').address}
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
`,
      },
      (dir) => {
        agentKey = makeKeyPair(path.join(dir, 'agent_key'));
        encKey = makeKeyPair(path.join(dir, 'enc_key'), { passphrase: PASSPHRASE });
        return [agentKey, encKey];
      },
    );
    address = ssh.lab.host('lb1').address;
    agent = await startAgent(file('agent.sock'));
    agent.add(agentKey.path);
    // The agent now holds the key; the private file goes, so only the agent can sign with it (the .pub stays).
    rmSync(agentKey.path);
    sshd2222 = await startSshd(ssh.lab, { host: 'lb1', port: 2222, authorizedKeys: [ssh.clientKey.publicKey] });
  });
  afterAll(async () => {
    agent?.stop();
    await sshd2222?.stop();
    await ssh?.close();
  });

  describe('authentication', () => {
    it('uses the agent', async () => {
      expect(await whoami(ssh.pool({ agentSocket: agent.socket }), 'lb1-agent')).toBe('lbtoptest\n');
    });

    it('says what it tried when nothing works', async () => {
      const error = await failure(whoami(ssh.pool(), 'lb1-agent'));
      expect(error).toBeInstanceOf(TransportError);
      expect(error.message).toMatch(/authentication as lbtoptest failed; tried nothing/);
      expect(error.hint).toMatch(/ssh-add/);
    });

    it('with IdentitiesOnly, offers only the agent keys named by IdentityFile', async () => {
      expect(await whoami(ssh.pool({ agentSocket: agent.socket }), 'lb1-only')).toBe('lbtoptest\n');
      const error = await failure(whoami(ssh.pool({ agentSocket: agent.socket }), 'lb1-only-none'));
      expect(error.message).toMatch(/authentication as lbtoptest failed; tried ssh-agent/);
    });

    it('asks for a passphrase once per run, and not against the connect timeout', async () => {
      const asked: string[] = [];
      const pool = ssh.pool({
        timeouts: { readyMs: 500 },
        askPassphrase: async (keyPath) => {
          asked.push(keyPath);
          await new Promise((r) => setTimeout(r, 800)); // a human typing, longer than readyMs
          return PASSPHRASE;
        },
      });
      expect(await whoami(pool, 'lb1-enc')).toBe('lbtoptest\n');
      expect(await whoami(pool, 'lb1-enc2')).toBe('lbtoptest\n');
      expect(asked).toEqual([encKey.path]);
    });

    it('gives up on a key after three wrong passphrases or a refusal to answer', async () => {
      const asked: string[] = [];
      const wrong = ssh.pool({ askPassphrase: async (p) => (asked.push(p), 'wrong') });
      expect((await failure(whoami(wrong, 'lb1-enc'))).message).toMatch(/authentication as lbtoptest failed/);
      expect(asked).toHaveLength(3);
      const declined = ssh.pool({ askPassphrase: async () => null });
      expect((await failure(whoami(declined, 'lb1-enc'))).message).toMatch(/tried nothing/);
    });
  });

  describe('host keys', () => {
    it('refuses an unknown host, showing the SHA256 fingerprint and how to accept it', async () => {
      const empty = file('known_hosts.empty');
      writeFileSync(empty, '');
      const error = await failure(whoami(ssh.pool({ knownHostsFiles: [empty] }), 'lb1'));
      expect(error).toBeInstanceOf(TransportError);
      expect(error.message).toContain(`host key of ${address} is not known: ED25519 key ${fingerprint(ssh.sshd.lb1!.hostKeyFile)}`);
      expect(error.hint).toMatch(/accept-new/);
      expect(readFileSync(empty, 'utf8')).toBe('');
    });

    it('with accept-new, records an unknown key (hashed when HashKnownHosts) and trusts it afterwards', async () => {
      const fresh = file('known_hosts.fresh');
      rmSync(fresh, { force: true });
      expect(await whoami(ssh.pool({ knownHostsFiles: [fresh], acceptNew: true }), 'lb1-hashed')).toBe('lbtoptest\n');
      expect(readFileSync(fresh, 'utf8')).toMatch(/^\|1\|\S+ ssh-ed25519 \S+\n$/);
      expect(sh(['ssh-keygen', '-F', address, '-f', fresh]).code).toBe(0);
      expect(await whoami(ssh.pool({ knownHostsFiles: [fresh] }), 'lb1')).toBe('lbtoptest\n');
    });

    it('refuses a changed key loudly, even with accept-new', async () => {
      const wrong = file('known_hosts.wrong');
      writeFileSync(wrong, `${address} ${agentKey.publicKey}\n`);
      const error = await failure(whoami(ssh.pool({ knownHostsFiles: [wrong], acceptNew: true }), 'lb1'));
      expect(error.message).toMatch(/WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED/);
      expect(error.message).toContain(fingerprint(ssh.sshd.lb1!.hostKeyFile));
      expect(error.message).toContain(`${fingerprint(`${agentKey.path}.pub`)} (${wrong}:1)`);
      expect(error.hint).toContain(`ssh-keygen -R '${address}' -f ${wrong}`);
      expect(readFileSync(wrong, 'utf8')).toBe(`${address} ${agentKey.publicKey}\n`);
    });

    it('looks a non-22 port up as [host]:port', async () => {
      const portless = file('known_hosts.portless');
      writeFileSync(portless, `${address} ${sshd2222.hostPublicKey}\n`);
      expect((await failure(whoami(ssh.pool({ knownHostsFiles: [portless] }), 'lb1-2222'))).message).toContain(
        `host key of [${address}]:2222 is not known`,
      );
      const withPort = file('known_hosts.port');
      writeFileSync(withPort, `${sshd2222.knownHostsLine()}\n`);
      expect(await whoami(ssh.pool({ knownHostsFiles: [withPort] }), 'lb1-2222')).toBe('lbtoptest\n');
    });
  });
});
