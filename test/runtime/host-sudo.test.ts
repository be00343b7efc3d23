// One `sudo:` per LB host, applied to every feature's commands there: the failover pollers and steps, the map
// editor's runner and files, the BGP node reader and user commands all take their runner from the fleet's hosts
// (src/runtime/hosts.ts). Checked over a real sshd, as the lab's non-root login user, with the real sudo binary on
// the host: a NOPASSWD rule for exactly `/usr/bin/id -u` shows a command that went through sudo running as root,
// and sudo's own refusal ("a password is required") shows that every other command went through it too. lb1
// and lb3 take `sudo: true` from `defaults:`; lb2, on the same host, says `sudo: false` and runs everything as the
// login user.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { invoke } from '../../src/actions/user-command.js';
import { loadConfig } from '../../src/config/load.js';
import { labSshConfig, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';
import { ensureExactSudoRule } from '../../src/lab/netns/user.js';
import { createBgpNodesService } from '../../src/runtime/bgp-nodes-runtime.js';
import { createFailoverService } from '../../src/runtime/failover-wiring.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { createMapsService } from '../../src/runtime/maps-runtime.js';
import { createUserCommandService } from '../../src/runtime/user-command-runtime.js';

const REFUSED = /sudo: a password is required/;

describe('one sudo per LB host, for every feature', () => {
  let ssh: SshLab;
  let runtime: FleetRuntime;
  let removeRule: (() => void) | null = null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-host-sudo-'));
  beforeAll(async () => {
    ssh = await startSshLab({
      hosts: { lb1: () => [] },
      sshConfig: labSshConfig(['lb1']),
    });
    removeRule = ensureExactSudoRule(ssh.user, ['/usr/bin/id', '-u']);
    const lb = (extra: string) => `{ ssh: lb1, bird: { socket: ${dir}/bird.ctl }, haproxy: { config: ${dir}/haproxy.cfg }${extra} }`;
    const { config, issues } = loadConfig(`
defaults: { ssh: { config: ${ssh.configFile} }, sudo: true }
lbs:
  lb1: ${lb('')}
  lb2: ${lb(', sudo: false')}
  lb3: { ssh: lb1, haproxy: { config: ${dir}/haproxy.cfg } }
commands:
  - { name: uid, key: U, scope: lb, where: lb, dangerous: false, confirm: false, command: [id, -u] }
`);
    expect(issues).toEqual([]);
    runtime = createFleetRuntime(config!, { ssh: ssh.pool() });
  }, 60_000);
  afterAll(async () => {
    removeRule?.();
    runtime?.stop();
    await ssh?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has sudo installed, and the login user is not root', () => {
    expect(removeRule).not.toBeNull();
    expect(ssh.user).not.toBe('root');
  });

  it('runs every feature through sudo on lb1 and none on lb2', async () => {
    const audit = openAuditLog(path.join(dir, 'audit.jsonl'));
    const { hosts } = runtime;
    const login = String(Number((await hosts.runner('lb2')!.run(['id', '-u'])).stdout.trim()));
    expect(login).not.toBe('0');

    // User commands (`where: lb`): the one command the rule allows, as root on lb1 only.
    const user = createUserCommandService(hosts, audit);
    const uid = invoke(user.commands[0]!, { LB: 'lb1' });
    if (!uid.ok) throw new Error(uid.why);
    expect((await user.run(uid, 'lb1')).stdout).toBe('0\n');
    expect((await user.run(uid, 'lb2')).stdout).toBe(`${login}\n`);

    // The map editor: its runner (haproxy -c, systemctl) and its files (maps, haproxy.cfg).
    const maps = createMapsService(hosts, runtime, audit);
    expect((await maps.runner('lb1')!.run(['id', '-u'])).stdout).toBe('0\n');
    expect((await maps.runner('lb2')!.run(['id', '-u'])).stdout).toBe(`${login}\n`);
    // An LB with no failover stack: its sudo is the host's all the same (the map editor once read it off the stack).
    expect((await maps.runner('lb3')!.run(['id', '-u'])).stdout).toBe('0\n');
    await expect(maps.files('lb1')!.read(path.join(dir, 'haproxy.cfg'))).rejects.toThrow(REFUSED);
    expect(await maps.files('lb2')!.read(path.join(dir, 'haproxy.cfg'))).toEqual({ text: '', exists: false });

    // Failover: the steps' runners and files, and the pollers' own reads (ip -j addr).
    const failover = createFailoverService(hosts, runtime, audit);
    try {
      expect((await failover.failover.runners.get('lb1')!.run(['id', '-u'])).stdout).toBe('0\n');
      expect((await failover.failover.runners.get('lb2')!.run(['id', '-u'])).stdout).toBe(`${login}\n`);
      await expect(failover.failover.files.get('lb1')!.read('/etc/hostname')).rejects.toThrow(REFUSED);
      expect((await failover.failover.files.get('lb2')!.read('/etc/hostname')).exists).toBe(true);
      await failover.failover.refresh();
      expect(failover.failover.store.host('lb1')!.addresses.error).toMatch(REFUSED);
      expect(failover.failover.store.host('lb2')!.addresses.error).toBeNull();
    } finally {
      failover.stop();
    }

    // BGP node reads (birdc): refused by sudo on lb1; on lb2 birdc itself answers (no BIRD listens there).
    const readings = await createBgpNodesService(hosts).read();
    expect(readings.lb1!.error).toMatch(REFUSED);
    expect(readings.lb2!.error).not.toMatch(REFUSED);
    expect(readings.lb2!.error).not.toBeNull();
  });
});
