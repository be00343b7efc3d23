// The socat fallback's argv and the sudoers rule lbtop suggests, against the real socat 1.7.4 and the real sudo
// of this machine: the plain characters really pass socat as one path, anything socat would parse is refused,
// and the rule lets exactly lbtop's command run as root while `socat - EXEC:/bin/sh` is refused.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { ensureLoginUser, ensureSocatSudoRule } from '../../src/lab/netns/user.js';
import { UnsafeArgumentError } from '../../src/model/errors.js';
import { checkSocatSocketPath, socatArgv, sudoersRule } from '../../src/transport/ssh/socat.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-socat-'));
chmodSync(dir, 0o755);
const SOCAT = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' }).stdout.trim();

/** Runs argv with stdin held open until the first reply arrives (socat -t 0 would quit on an early EOF). */
function converse(argv: readonly string[], line: string): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      child.stdin.end();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.write(`${line}\n`);
    const timer = setTimeout(() => child.stdin.end(), 2000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('socket paths handed to socat', () => {
  it('refuses every path socat would read as more than a path, before anything runs', () => {
    const victim = path.join(dir, 'victim');
    for (const hostile of [`/run/a.sock,bind=${victim}`, '/run/a.sock,unlink-early', '/run/a.sock,unlink-close', '/run/x:y.sock',
      '/run/a!!EXEC:/bin/sh', '/run/(a).sock', '/run/{a}', '/run/[a]', "/run/'a'", '/run/"a"', '/run/a\\,b', '/run/a b', '/run/a\tb',
      '/run/a*', '/run/a?', '-d', '/run/é.sock', '']) {
      expect(() => socatArgv('socat', hostile), hostile).toThrow(UnsafeArgumentError);
    }
    const error = (() => { try { checkSocatSocketPath(`/run/a.sock,bind=${victim}`, 'ssh lb1: x'); } catch (e) { return e as UnsafeArgumentError; } })();
    expect(error?.message).toMatch(/^ssh lb1: x: refusing to hand this socket path to socat \(it contains ","\): socat would read/);
    expect(error?.hint).toMatch(/AllowStreamLocalForwarding/);
    expect(existsSync(victim)).toBe(false);
  });

  it('passes a path of every plain character to the real socat as one path', async () => {
    const sock = path.join(dir, 'a@b+c=d-e_f.1.sock');
    const server = net.createServer((c) => c.on('data', (d) => c.end(`echo ${d.toString()}`)));
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      const { out, code } = await converse(socatArgv(SOCAT, sock), 'hello');
      expect(out).toBe('echo hello\n');
      expect(code).toBe(0);
    } finally {
      server.close();
    }
  });

  it('writes the exact argv as a sudoers rule, escaped for sudoers', () => {
    expect(sudoersRule('ops', '/usr/bin/socat', '/run/haproxy/admin.sock'))
      .toBe('ops ALL=(root) NOPASSWD: /usr/bin/socat -t 0 - UNIX-CONNECT\\:/run/haproxy/admin.sock');
    expect(sudoersRule('ops', '/usr/bin/socat', '/run/a=b.sock')).toBe('ops ALL=(root) NOPASSWD: /usr/bin/socat -t 0 - UNIX-CONNECT\\:/run/a\\=b.sock');
    // No exact rule for a socat that is not an absolute plain path; no rule at all for a hostile socket path.
    expect(sudoersRule('ops', 'socat', '/run/a.sock')).toBeNull();
    expect(() => sudoersRule('ops', '/usr/bin/socat', '/run/a.sock,bind=/etc/passwd')).toThrow(UnsafeArgumentError);
  });
});

describe('the suggested sudoers rule, with the real sudo', () => {
  // A user of its own: no other test's sudoers drop-in may grant it anything, so a refusal here is the rule's.
  const user = 'lbtopsudo';
  let haproxy: HaproxyProcess;
  let removeRule: (() => void) | null = null;
  const asUser = (argv: readonly string[], line: string) => converse(['runuser', '-u', user, '--', 'sudo', '-n', ...argv], line);

  beforeAll(async () => {
    ensureLoginUser(user);
    // mode 600: only root can open it, as on a host where the login user is not in the haproxy group.
    haproxy = await startHaproxy({ name: 'lb', dir, config: 'global\n  stats socket @SOCKET@ mode 600 level admin\n  stats socket @DIR@/a=b.sock mode 600 level admin\n' });
    removeRule = ensureSocatSudoRule(user, path.join(haproxy.dir, 'a=b.sock'));
  });
  afterAll(async () => {
    removeRule?.();
    await haproxy?.stop();
  });

  it('lets lbtop\'s exact socat command run as root, and nothing else', async () => {
    const socket = path.join(haproxy.dir, 'a=b.sock');
    expect(removeRule).not.toBeNull();
    const allowed = await asUser(socatArgv(SOCAT, socket), 'show info');
    expect(allowed.out).toMatch(/^Name: HAProxy\n/);
    // A shell, another address, an added option, another socket: all refused by sudo itself.
    const marker = path.join(dir, 'ran-as-root');
    for (const argv of [[SOCAT, '-', 'EXEC:/bin/sh'], [SOCAT, '-', 'SYSTEM:sh'], [SOCAT, '-t', '0', '-', `UNIX-CONNECT:${socket},bind=${marker}`],
      [SOCAT, '-t', '0', '-', `UNIX-CONNECT:${haproxy.socket}`], [SOCAT, '-t', '0', '-', `UNIX-CONNECT:${socket}`, 'extra']]) {
      const refused = await asUser(argv, `touch ${marker}`);
      expect(refused.out, argv.join(' ')).toMatch(/a password is required/);
      expect(refused.code).toBe(1);
    }
    expect(existsSync(marker)).toBe(false);
  });
});
