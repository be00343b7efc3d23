// RevokedHostKeys end to end: real sshd hosts in namespaces, KRLs made by `ssh-keygen -k` and a plain key list,
// direct hosts and ProxyJump chains; every case is also run through the real `ssh -o BatchMode=yes` on the same
// ssh_config, and lbtop must refuse exactly the hosts ssh refuses.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh } from '../../src/lab/netns/sh.js';
import { FAST, hostStanzas, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';
import { LAB_USER } from '../../src/lab/netns/user.js';
import { RevokedHostKeyError } from '../../src/transport/ssh/errors.js';
import { sshRunner } from '../../src/transport/ssh/runner.js';

describe('RevokedHostKeys with real sshd and real ssh', () => {
  let ssh: SshLab;
  let dir: string;
  const krl = () => path.join(dir, 'revoked.krl');
  const list = () => path.join(dir, 'revoked.list');
  const fingerprint = (host: string) => sh(['ssh-keygen', '-lf', ssh.sshd[host]!.hostKeyFile]).stdout.split(' ')[1]!;
  /** What OpenSSH itself does with the same ssh_config: exit code and its last words. */
  const realSsh = (alias: string) => {
    const result = sh(['ssh', '-F', ssh.configFile, '-o', 'BatchMode=yes', alias, 'true'], { allowFail: true });
    return { code: result.code, stderr: result.stderr };
  };
  /** lbtop on the same config, through a fresh pool: `0` when `true` ran on the host, else the error. */
  const lbtop = (alias: string) =>
    sshRunner(ssh.pool(FAST), alias)
      .run(['true'])
      .then((r) => r.code, (e: unknown) => e);

  beforeAll(async () => {
    ssh = await startSshLab({
      hosts: {
        lb1: () => [],
        lb2: () => [],
        jump: () => [],
        jumpbad: () => [],
        // lb3 and lb4 let the login user in only from the good jump host: a session there proves the route.
        lb3: (lab) => [`AllowUsers ${LAB_USER}@${lab.host('jump').address}`],
        lb4: (lab) => [`AllowUsers ${LAB_USER}@${lab.host('jump').address}`],
      },
      sshConfig: (lab) => {
        dir = lab.dir;
        const at = (host: string) => lab.host(host).address;
        return `
${hostStanzas(lab, ['lb1', 'lb2', 'jump', 'jumpbad'])}Host lb3
  HostName ${at('lb3')}
  ProxyJump jump
Host lb4
  HostName ${at('lb4')}
  ProxyJump jump
Host lb4-via-jumpbad
  HostName ${at('lb4')}
  ProxyJump jumpbad
Host lb1-list lb1-missing lb1-certs lb1-known-revoked
  HostName ${at('lb1')}
Host lb2-list lb2-missing lb2-known-revoked
  HostName ${at('lb2')}
Host *-list
  RevokedHostKeys ${path.join(lab.dir, 'revoked.list')}
Host *-missing
  RevokedHostKeys ${path.join(lab.dir, 'absent.krl')}
Host *-certs
  RevokedHostKeys ${path.join(lab.dir, 'certs.list')}
Host *-known-revoked
  UserKnownHostsFile ${path.join(lab.dir, 'known_hosts_revoked')}
  RevokedHostKeys none
Host *
  IdentityFile @KEY@
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 5
  RevokedHostKeys ${path.join(lab.dir, 'revoked.krl')}
`;
      },
    });
    // Revoked: lb1, the jump host jumpbad, and lb3 (behind the good jump). lb2, jump and lb4 are not.
    const revoked = ['lb1', 'jumpbad', 'lb3'].map((h) => ssh.sshd[h]!.hostKeyFile);
    sh(['ssh-keygen', '-k', '-f', krl(), ...revoked]);
    writeFileSync(list(), `# keys of reinstalled hosts\n${['lb1', 'jumpbad', 'lb3'].map((h) => `${ssh.sshd[h]!.hostPublicKey} ${h}\n`).join('')}`);
    // A host certificate of lb1's key: ssh takes it in a key list as revoking the key it certifies.
    sh(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'ca')]);
    sh(['ssh-keygen', '-q', '-s', path.join(dir, 'ca'), '-I', 'lb1', '-h', ssh.sshd.lb1!.hostKeyFile]);
    sh(['cp', ssh.sshd.lb1!.hostKeyFile.replace(/\.pub$/, '-cert.pub'), path.join(dir, 'certs.list')]);
    writeFileSync(path.join(dir, 'known_hosts_revoked'), `@revoked * ${ssh.sshd.lb1!.hostPublicKey}\n${ssh.sshd.lb1!.knownHostsLine()}\n${ssh.sshd.lb2!.knownHostsLine()}\n`);
  });
  afterAll(async () => {
    await ssh?.close();
  });

  const expectRevoked = async (alias: string, host: string, file: string) => {
    const error = await lbtop(alias);
    expect(error).toBeInstanceOf(RevokedHostKeyError);
    expect(error).toMatchObject({ verdict: 'revoked', fingerprint: fingerprint(host), file });
    expect((error as Error).message).toMatch(new RegExp(`^ssh ${alias}: host key of .* is REVOKED`));
    const real = realSsh(alias);
    expect(real.code).toBe(255);
    return real.stderr;
  };
  const expectConnects = async (alias: string) => {
    expect(await lbtop(alias)).toBe(0);
    expect(realSsh(alias).code).toBe(0);
  };

  it('refuses a host whose key a KRL revokes, though known_hosts has it, as ssh does; others connect', async () => {
    const said = await expectRevoked('lb1', 'lb1', krl());
    expect(said).toContain(`Host key ED25519 ${fingerprint('lb1')} revoked by file ${krl()}`);
    await expectConnects('lb2');
    await expectConnects('jump');
  });

  it('reads a plain list of public keys, and a host certificate in it, as ssh does', async () => {
    expect(await expectRevoked('lb1-list', 'lb1', list())).toContain(`revoked by file ${list()}`);
    await expectConnects('lb2-list');
    expect(await expectRevoked('lb1-certs', 'lb1', path.join(dir, 'certs.list'))).toContain('revoked by file');
  });

  it('refuses every host when the revocation file is missing, as ssh does', async () => {
    for (const alias of ['lb1-missing', 'lb2-missing']) {
      const error = await lbtop(alias);
      expect(error).toBeInstanceOf(RevokedHostKeyError);
      expect(error).toMatchObject({ verdict: 'unchecked', file: path.join(dir, 'absent.krl') });
      expect((error as Error).message).toMatch(/against RevokedHostKeys .*absent\.krl: no such file\. Refusing to connect/);
      const real = realSsh(alias);
      expect([real.code, real.stderr]).toEqual([255, expect.stringContaining('Error checking host key')]);
    }
  });

  it('refuses a ProxyJump host whose key is revoked, and a revoked target behind a good jump', async () => {
    await expectConnects('lb4'); // through the good jump: lb4 lets nobody else in
    const viaBad = await lbtop('lb4-via-jumpbad');
    expect(viaBad).toBeInstanceOf(RevokedHostKeyError);
    expect(viaBad).toMatchObject({ verdict: 'revoked', fingerprint: fingerprint('jumpbad'), file: krl() });
    expect((viaBad as Error).message).toMatch(/^ssh jumpbad: host key of \S+ is REVOKED/);
    expect(realSsh('lb4-via-jumpbad')).toMatchObject({ code: 255, stderr: expect.stringContaining(`${fingerprint('jumpbad')} revoked by file`) });
    await expectRevoked('lb3', 'lb3', krl());
  });

  it('honours @revoked lines in known_hosts, as ssh does', async () => {
    const error = await lbtop('lb1-known-revoked');
    expect(error).toBeInstanceOf(RevokedHostKeyError);
    expect(error).toMatchObject({ verdict: 'revoked', file: path.join(dir, 'known_hosts_revoked'), fingerprint: fingerprint('lb1') });
    expect(realSsh('lb1-known-revoked')).toMatchObject({ code: 255, stderr: expect.stringContaining('was revoked') });
    await expectConnects('lb2-known-revoked');
  });

  it('reads the KRL afresh at each handshake: an update counts from the next connection', async () => {
    expect(await lbtop('lb2')).toBe(0);
    sh(['ssh-keygen', '-k', '-u', '-f', krl(), ssh.sshd.lb2!.hostKeyFile]);
    try {
      expect(await lbtop('lb2')).toBeInstanceOf(RevokedHostKeyError);
      expect(realSsh('lb2').code).toBe(255);
    } finally {
      sh(['ssh-keygen', '-k', '-f', krl(), ...['lb1', 'jumpbad', 'lb3'].map((h) => ssh.sshd[h]!.hostKeyFile)]);
    }
  });
});
