// HAProxy's runtime API over real SSH: stream-local forwarding, the socat fallbacks, ProxyJump, and exec commands.
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { ensureLoginUser, ensureSocatSudoRule } from '../../src/lab/netns/user.js';
import { TransportError, UnsafeArgumentError } from '../../src/model/errors.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { hostFiles } from '../../src/transport/host-files.js';
import { sshRunner } from '../../src/transport/ssh/runner.js';
import { sshSocket } from '../../src/transport/ssh/socket.js';
import { hostStanzas, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';

// Two sockets: one the login user may open (mode 666), one only root may (mode 600, like Debian's 660 root:haproxy
// for a user outside the group).
const HAPROXY = `
global
  stats socket @SOCKET@ mode 666 level admin
  stats socket @DIR@/private.sock mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
backend be
  server s1 127.0.0.1:1
`;

describe('SSH transport to HAProxy', () => {
  let ssh: SshLab;
  let haproxy: HaproxyProcess;
  let privateSocket: string;
  let removeSudoRule: (() => void) | null = null;
  beforeAll(async () => {
    ssh = await startSshLab({
      hosts: {
        lb1: () => [],
        lb2: () => ['AllowStreamLocalForwarding no'],
        jump: () => [],
        // lb3 only lets the login user in from the jump host: a session there proves the ProxyJump route.
        lb3: (lab) => [`AllowUsers lbtoptest@${lab.host('jump').address}`],
      },
      sshConfig: (lab) => `
Host lb1 lb2 jump lb3
  IdentityFile @KEY@
${hostStanzas(lab, ['lb1', 'lb2', 'jump'])}Host lb3
  HostName ${lab.host('lb3').address}
  ProxyJump jump
Host lb3-direct
  HostName ${lab.host('lb3').address}
  IdentityFile @KEY@
Host *
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
`,
    });
    // Pathname unix sockets are not network-namespaced: one HAProxy (in lb1's namespace) serves every host's test.
    haproxy = await startHaproxy({ name: 'haproxy', dir: ssh.lab.dir, config: HAPROXY, wrap: ssh.lab.wrap('lb1') });
    privateSocket = path.join(haproxy.dir, 'private.sock');
    // The rule lbtop suggests: exactly its socat command on this one socket (a bare `socat` would be root).
    removeSudoRule = ensureSocatSudoRule(ssh.user, privateSocket);
  });
  afterAll(async () => {
    removeSudoRule?.();
    await haproxy?.stop();
    await ssh?.close();
  });

  for (const keepAlive of [false, true]) {
    it(`reaches the socket by stream-local forwarding (${keepAlive ? 'prompt' : 'one-shot'} mode)`, async () => {
      const connector = sshSocket(ssh.pool(), 'lb1', haproxy.socket);
      const client = new HaproxyClient(connector, { keepAlive });
      expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
      expect(await client.send('show stat')).toMatch(/^# pxname,svname,/);
      expect(connector.label).toBe(`ssh lb1 → stream-local ${haproxy.socket}`);
      client.close();
    });
  }

  it('falls back to sudo socat when the login user cannot open the socket', async () => {
    // The sudo route is the LB's `sudo: true` (hosts.ts passes it); without it, see the next case.
    const connector = sshSocket(ssh.pool(), 'lb1', privateSocket, { sudo: true });
    const client = new HaproxyClient(connector, { keepAlive: true });
    expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
    expect(await client.send('show servers state be')).toMatch(/ be 1 s1 127\.0\.0\.1 /);
    expect(connector.label).toBe(`ssh lb1 → socat (sudo) ${privateSocket}`);
    client.close();
  });

  it('says why when sudo is not allowed for the fallback', async () => {
    const connector = sshSocket(ssh.pool(), 'lb1', privateSocket, { sudo: false });
    const error = await new HaproxyClient(connector).send('show info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/permission denied for lbtoptest/);
    expect((error as TransportError).hint).toMatch(/group \(Debian: haproxy\)/);
    expect((error as TransportError).hint).toMatch(/or say `sudo: true` for this LB in lbtop\.yaml and allow exactly/);
    // The sudo advice is the exact command on this socket, never a bare socat (root through `socat - EXEC:sh`).
    expect((error as TransportError).hint).toContain(`: lbtoptest ALL=(root) NOPASSWD: /usr/bin/socat -t 0 - UNIX-CONNECT\\:${privateSocket}`);
  });

  it('never tries sudo unless told: the default is the login user, though sudo would allow the command', async () => {
    const connector = sshSocket(ssh.pool(), 'lb1', privateSocket);
    const error = await new HaproxyClient(connector).send('show info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/permission denied for lbtoptest$/);
    expect(connector.route).toBeNull();
  });

  it('never hands socat a socket path it would read as options: `,bind=FILE` deletes nothing, on either socat route', async () => {
    // A socket at the literal path "…/evil.sock,bind=/victim" (a directory "evil.sock,bind=" holding the
    // socket: whoever writes haproxy.cfg can make one): socat would connect to …/evil.sock, bind its end to the
    // victim and unlink it on close, as the login user (lb2: no stream-local) or as root (lb1: the sudo route).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-evil-'));
    chmodSync(dir, 0o777);
    const { uid, gid } = ensureLoginUser(ssh.user);
    const servers: net.Server[] = [];
    try {
      for (const [host, mode] of [['lb2', 0o666], ['lb1', 0o600]] as const) {
        const victim = path.join(dir, `victim-${host}`);
        writeFileSync(victim, 'keep me\n');
        chownSync(victim, uid, gid);
        const evil = path.join(dir, `evil-${host}.sock,bind=${victim}`);
        mkdirSync(path.dirname(evil), { recursive: true, mode: 0o755 });
        const server = net.createServer((c) => c.end('Name: HAProxy\n'));
        servers.push(server);
        await new Promise<void>((r) => server.listen(evil, r));
        chmodSync(evil, mode);
        const connector = sshSocket(ssh.pool(), host, evil, { sudo: host === 'lb1' });
        const error = await new HaproxyClient(connector).send('show info').catch((e: unknown) => e);
        expect(existsSync(victim) && readFileSync(victim, 'utf8'), host).toBe('keep me\n');
        expect(error, host).toBeInstanceOf(UnsafeArgumentError);
        expect((error as Error).message).toMatch(/refusing to hand this socket path to socat \(it contains ","\)/);
      }
    } finally {
      servers.forEach((s) => s.close());
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a symlinked map file through to its target over SSH: the link stays, the backup is beside the target', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-links-'));
    const { uid, gid } = ensureLoginUser(ssh.user);
    try {
      mkdirSync(path.join(dir, 'real'));
      mkdirSync(path.join(dir, 'maps'));
      for (const d of [dir, path.join(dir, 'real'), path.join(dir, 'maps')]) chownSync(d, uid, gid);
      const target = path.join(dir, 'real', 'hosts.map');
      writeFileSync(target, 'a 1\n');
      chownSync(target, uid, gid);
      // A chain: maps/hosts.map -> current.map -> ../real/hosts.map (relative links, as a deploy tool makes them).
      symlinkSync('../real/hosts.map', path.join(dir, 'maps', 'current.map'));
      symlinkSync('current.map', path.join(dir, 'maps', 'hosts.map'));
      const link = path.join(dir, 'maps', 'hosts.map');
      const files = hostFiles(sshRunner(ssh.pool(), 'lb1'));
      expect(await files.replace(link, 'a 2\n', { expected: 'a 1\n', backup: true })).toEqual({ backup: `${target}.lbtop-bak` });
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe('current.map');
      expect(readlinkSync(path.join(dir, 'maps', 'current.map'))).toBe('../real/hosts.map');
      expect(readFileSync(target, 'utf8')).toBe('a 2\n');
      expect(readFileSync(`${target}.lbtop-bak`, 'utf8')).toBe('a 1\n');
      expect(existsSync(`${link}.lbtop-bak`)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to plain socat when sshd forbids stream-local forwarding', async () => {
    const connector = sshSocket(ssh.pool(), 'lb2', haproxy.socket);
    const client = new HaproxyClient(connector);
    expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
    expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
    expect(connector.label).toBe(`ssh lb2 → socat ${haproxy.socket}`);
  });

  it('reports a missing socket as such, not as a permission problem', async () => {
    const connector = sshSocket(ssh.pool(), 'lb1', '/run/no-such-haproxy.sock');
    await expect(new HaproxyClient(connector).send('show info')).rejects.toThrow(/no such socket on the host/);
  });

  it('goes through a ProxyJump host, on one shared jump connection', async () => {
    const pool = ssh.pool();
    const connector = sshSocket(pool, 'lb3', haproxy.socket);
    expect(await new HaproxyClient(connector).send('show info')).toMatch(/^Name: HAProxy\n/);
    expect(connector.label).toBe(`ssh lb3 via jump → stream-local ${haproxy.socket}`);
    const jump = await pool.connection('jump');
    expect(jump.state).toBe('ready');
    expect(pool.all().map((c) => c.label).sort()).toEqual(['ssh jump', 'ssh lb3 via jump']);
    // The same host straight from here is refused by its sshd: the jump really carried the session.
    await expect(sshRunner(ssh.pool(), 'lb3-direct').run(['true'])).rejects.toThrow(/authentication as lbtoptest failed/);
  });

  it('runs commands as exec channels, with arguments quoted for the remote shell', async () => {
    const runner = sshRunner(ssh.pool(), 'lb1');
    const tricky = `it's; $(echo no) "x"`;
    const result = await runner.run(['sh', '-c', 'printf "%s|" "$@"; id -un; echo oops >&2; exit 3', 'sh', tricky, '']);
    expect(result).toEqual({ stdout: `${tricky}||lbtoptest\n`, stderr: 'oops\n', code: 3, signal: null });
    // Commands on a host share its one connection, concurrently.
    const [a, b] = await Promise.all([runner.run(['echo', 'a']), runner.run(['echo', 'b'])]);
    expect([a.stdout, b.stdout]).toEqual(['a\n', 'b\n']);
  });

  it('runs more concurrent commands than sshd allows sessions (MaxSessions 10), none lost', async () => {
    const runner = sshRunner(ssh.pool(), 'lb1');
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => runner.run(['echo', String(i)])));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 40 }, (_, i) => `${i}\n`));
    expect(results.every((r) => r.code === 0)).toBe(true);
  });

  it('times out a command that does not finish', async () => {
    const runner = sshRunner(ssh.pool(), 'lb1');
    await expect(runner.run(['sleep', '5'], { timeoutMs: 300 })).rejects.toThrow(/`sleep` did not finish within 300 ms/);
  });
});
