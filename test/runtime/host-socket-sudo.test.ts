// The runtime API of an ssh LB follows the LB's one `sudo:` as its host commands do (src/runtime/hosts.ts): the
// `sudo -n socat` fallback is tried only when the LB says `sudo: true`, and the stats socket of an LB that names
// none is read from its haproxy.cfg through the LB's own runner (`sudo -n cat` exactly when the LB says so).
// Over a real sshd as the lab's non-root login user, with the real sudo and the exact rules lbtop suggests
// installed: an LB without `sudo: true` is refused although sudo would allow it, and the error names both fixes.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { labSshConfig, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';
import { ensureExactSudoRule, ensureSocatSudoRule } from '../../src/lab/netns/user.js';
import { ReadOnlyError, TransportError } from '../../src/model/errors.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';

// A socket only root may open (Debian's is 660 root:haproxy, for a login outside the group); the lab's own
// (@SOCKET@) tells it HAProxy is up.
const HAPROXY = `
global
  stats socket @SOCKET@ mode 600 level admin
  stats socket @DIR@/private.sock mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
backend be
  server s1 127.0.0.1:1
`;

describe('the LB’s sudo decides the socket’s sudo route and the haproxy.cfg read, over real sshd', () => {
  let ssh: SshLab;
  let haproxy: HaproxyProcess;
  let runtime: FleetRuntime;
  const removers: ((() => void) | null)[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-socket-sudo-'));
  const cfg = path.join(dir, 'haproxy.cfg');
  let socket = '';
  beforeAll(async () => {
    ssh = await startSshLab({ hosts: { lb1: () => [] }, sshConfig: labSshConfig(['lb1']) });
    haproxy = await startHaproxy({ name: 'haproxy', dir: ssh.lab.dir, config: HAPROXY, wrap: ssh.lab.wrap('lb1') });
    socket = path.join(haproxy.dir, 'private.sock');
    // A root-only haproxy.cfg naming that socket, in a directory the login user may enter.
    chmodSync(dir, 0o755);
    writeFileSync(cfg, `global\n  stats socket ${socket} mode 600 level admin\n`, { mode: 0o600 });
    // The rules lbtop suggests: its exact socat command on this socket, and the exact read of this file.
    removers.push(ensureSocatSudoRule(ssh.user, socket), ensureExactSudoRule(ssh.user, ['/usr/bin/cat', '--', cfg]));
    const { config, issues } = loadConfig(`
defaults: { ssh: { config: ${ssh.configFile} } }
lbs:
  plain:    { ssh: lb1, haproxy: { socket: ${socket} } }
  sudo:     { ssh: lb1, haproxy: { socket: ${socket} }, sudo: true }
  found:    { ssh: lb1, haproxy: { config: ${cfg} }, sudo: true }
  notfound: { ssh: lb1, haproxy: { config: ${cfg} } }
`);
    expect(issues).toEqual([]);
    runtime = createFleetRuntime(config!, { ssh: ssh.pool() });
  }, 60_000);
  afterAll(async () => {
    removers.forEach((remove) => remove?.());
    runtime?.stop();
    await haproxy?.stop();
    await ssh?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (lb: string) => runtime.hosts.client(runtime.hosts.config.lbs.find((l) => l.name === lb)!).send('show info');

  it('has sudo and both rules installed, and the login user is not root', () => {
    expect(removers).not.toContain(null);
    expect(ssh.user).not.toBe('root');
  });

  it('goes through `sudo -n socat` only for the LB that says `sudo: true`', async () => {
    expect(await send('sudo')).toMatch(/^Name: HAProxy\n/);
    const error = await send('plain').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/permission denied for lbtoptest$/);
    // Both fixes: the socket's group, or `sudo: true` with the exact rule (never a bare socat).
    expect((error as TransportError).hint).toMatch(/^add lbtoptest to the socket's group \(Debian: haproxy\), or say `sudo: true` for this LB in lbtop\.yaml and /);
    expect((error as TransportError).hint).toContain(`: lbtoptest ALL=(root) NOPASSWD: /usr/bin/socat -t 0 - UNIX-CONNECT\\:${socket}`);
  });

  it('reads a root-only haproxy.cfg with `sudo -n cat` only for the LB that says `sudo: true`', async () => {
    expect(await send('found')).toMatch(/^Name: HAProxy\n/);
    const error = await send('notfound').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(new RegExp(`^ssh lb1: cannot read ${cfg} to find the stats socket: .*Permission denied`));
    expect((error as TransportError).hint).toBe('give the socket in lbtop.yaml (haproxy: { socket: /run/haproxy/admin.sock }), or say `sudo: true` for this LB to read it with `sudo -n cat`');
  });

  it('under --read-only: the sudo route and the discovery still read, and a write is refused before it is sent', async () => {
    const readOnly = createFleetRuntime({ ...runtime.hosts.config, readOnly: true }, { ssh: ssh.pool() });
    try {
      const client = (lb: string) => readOnly.hosts.client(readOnly.hosts.config.lbs.find((l) => l.name === lb)!);
      expect(await client('found').send('show info')).toMatch(/^Name: HAProxy\n/);
      await expect(client('sudo').send('set server be/s1 weight 2')).rejects.toThrow(ReadOnlyError);
      expect(await client('sudo').send('get weight be/s1')).toMatch(/^1 \(initial 1\)/);
    } finally {
      readOnly.stop();
    }
  });

  it('shows each route on the LB’s endpoint', async () => {
    await runtime.refresh();
    const health = (lb: string) => runtime.store.getState().lbs.get(lb)!.health;
    expect([health('sudo').ok, health('found').ok, health('plain').ok, health('notfound').ok]).toEqual([true, true, false, false]);
    expect(health('sudo').endpoint).toBe(`ssh lb1 → socat (sudo) ${socket}`);
    expect(health('found').endpoint).toBe(`ssh lb1 → socat (sudo) ${socket} (from ${cfg}:2)`);
  });
});
