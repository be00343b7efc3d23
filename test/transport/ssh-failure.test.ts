// Links that fail: a cut cable is noticed in seconds and healed on the next request; a crashed sshd fails the
// command in flight with TransportError and is reconnected after restart; one dead host never slows another.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/model/errors.js';
import type { SshConnection } from '../../src/transport/ssh/connection.js';
import { sshRunner } from '../../src/transport/ssh/runner.js';
import type { SshPool } from '../../src/transport/ssh/pool.js';
import { FAST, hostStanzas, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';

/** Polls until `check` passes or `ms` runs out; returns how long it took. */
async function within(ms: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

const succeeds = (pool: SshPool, alias: string) => () =>
  sshRunner(pool, alias)
    .run(['true'])
    .then((r) => r.code === 0, () => false);

describe('SSH link failures', () => {
  let ssh: SshLab;
  let pool: SshPool;
  let lb1: SshConnection;
  // A host that hangs: TCP is accepted on loopback, and no SSH banner ever comes.
  const tarpit = net.createServer(() => undefined);
  beforeAll(async () => {
    await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
    ssh = await startSshLab({
      hosts: { lb1: () => [], lb2: () => [] },
      sshConfig: (lab) => `
${hostStanzas(lab, ['lb1', 'lb2'])}Host tarpit
  HostName 127.0.0.1
  Port ${(tarpit.address() as net.AddressInfo).port}
Host *
  IdentityFile @KEY@
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
`,
    });
    pool = ssh.pool(FAST);
    lb1 = await pool.connection('lb1');
  });
  afterAll(async () => {
    await ssh?.close();
    tarpit.close();
  });

  it('detects a cut link within seconds, keeps the other host fast, and reconnects after the link is back', async () => {
    const states: string[] = [];
    lb1.onChange((state) => states.push(state));
    expect((await sshRunner(pool, 'lb1').run(['true'])).code).toBe(0);
    expect((await sshRunner(pool, 'lb2').run(['true'])).code).toBe(0);
    ssh.lab.linkDown('lb1');
    try {
      // 500 ms keepalive × 3 unanswered: declared dead in about 2 s.
      expect(await within(5000, () => lb1.state === 'down')).toBeLessThan(4000);
      expect(lb1.stale).toBe(true);
      expect(lb1.lastError?.message).toMatch(/ssh lb1: link lost \(no answer to keepalives\)/);
      const started = Date.now();
      expect(await succeeds(pool, 'lb2')()).toBe(true);
      expect(Date.now() - started).toBeLessThan(1000);
      // While cut, a request fails with TransportError, bounded by the connect timeout instead of hanging.
      const error = await sshRunner(pool, 'lb1').run(['true']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect(Date.now() - started).toBeLessThan(FAST.timeouts.readyMs + 1500);
    } finally {
      ssh.lab.linkUp('lb1');
    }
    await within(5000, succeeds(pool, 'lb1'));
    expect(lb1.state).toBe('ready');
    expect(states).toContain('down');
  });

  it('bounds a host that hangs: its first connect by the handshake deadline, later ones by the request timeout', async () => {
    const port = (tarpit.address() as net.AddressInfo).port;
    let started = Date.now();
    // The first connect of a host waits out its own deadline (readyMs), not the request's 400 ms: a slow but
    // live host (50 handshakes at once) connects instead of failing its first poll; a dead one fails all the same.
    await expect(sshRunner(pool, 'tarpit').run(['true'], { timeoutMs: 400 })).rejects.toThrow(
      `ssh tarpit: no SSH session with 127.0.0.1:${port} within ${FAST.timeouts.readyMs} ms`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.timeouts.readyMs - 50);
    expect(Date.now() - started).toBeLessThan(FAST.timeouts.readyMs + 1000);
    await new Promise((r) => setTimeout(r, FAST.backoff.initialMs + 50)); // past the backoff: a real new attempt
    started = Date.now();
    await expect(sshRunner(pool, 'tarpit').run(['true'], { timeoutMs: 400 })).rejects.toThrow('ssh tarpit: not connected within 400 ms');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails a command in flight with TransportError when sshd dies, and recovers after a restart', async () => {
    const runner = sshRunner(pool, 'lb2');
    expect((await runner.run(['echo', 'up'])).stdout).toBe('up\n');
    const inFlight = runner.run(['sleep', '20']);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    ssh.sshd.lb2!.crash();
    const error = await inFlight.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/^ssh lb2: /);
    expect(Date.now() - started).toBeLessThan(2000);
    const lb2 = await pool.connection('lb2');
    expect(lb2.stale).toBe(true);
    await ssh.sshd.lb2!.start();
    await within(5000, succeeds(pool, 'lb2'));
    expect(lb2.state).toBe('ready');
  });

  it('refuses to reconnect when the host comes back with a different host key', async () => {
    const sshd = ssh.sshd.lb1!;
    expect(await succeeds(pool, 'lb1')()).toBe(true);
    sshd.crash();
    sshd.newHostKey();
    await sshd.start();
    const lb1Error = async () => {
      const error = await sshRunner(pool, 'lb1').run(['true']).catch((e: unknown) => e);
      return error instanceof TransportError && /REMOTE HOST IDENTIFICATION HAS CHANGED/.test(error.message);
    };
    await within(5000, lb1Error);
    expect(lb1.state).toBe('down');
  });
});
