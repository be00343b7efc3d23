// The host-key lookup spawned ssh-keygen, and a fleet of 50 hosts spawned 200 at start (each blocks lbtop's event
// loop while it forks): now a plain or hashed known_hosts is read in-process (known-hosts-file.ts), no file is
// looked at for a file with nothing in it (`GlobalKnownHostsFile /dev/null`), and a file with patterns still goes
// to ssh-keygen, once per handshake. Checked on a real sshd.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startK8sFleetLab, type K8sFleetLab } from '../../bench/lib/fleet-k8s-lab.js';
import { localRunner, type CommandRunner } from '../../src/transport/exec.js';

describe('ssh-keygen runs per SSH connection', () => {
  let lab: K8sFleetLab;
  beforeAll(async () => {
    lab = await startK8sFleetLab({ lbs: 2, lbsPerHost: 1 });
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
  });

  it('runs no ssh-keygen for the lab\'s plain known_hosts, and still checks the key', async () => {
    const local = localRunner();
    const ran: string[][] = [];
    const runner: CommandRunner = { ...local, run: (argv, options) => (ran.push([...argv]), local.run(argv, options)) };
    const pool = lab.ssh.pool({ runner });
    const connection = await pool.connection('sshd01');
    await connection.connected(10_000);
    const keygen = ran.filter((argv) => argv[0] === 'ssh-keygen');
    // The lab's ssh_config: UserKnownHostsFile the lab's file (plain lines), GlobalKnownHostsFile /dev/null.
    expect(keygen).toEqual([]);
  });

  it('looks a host up once with ssh-keygen when its known_hosts has a pattern', async () => {
    const local = localRunner();
    const ran: string[][] = [];
    const runner: CommandRunner = { ...local, run: (argv, options) => (ran.push([...argv]), local.run(argv, options)) };
    const patterned = path.join(lab.ssh.lab.dir, 'known_hosts.patterned');
    writeFileSync(patterned, `${readFileSync(lab.ssh.knownHosts, 'utf8')}*.nothing.invalid ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtest\n`);
    const connection = await lab.ssh.pool({ runner, knownHostsFiles: [patterned] }).connection('sshd01');
    await connection.connected(10_000);
    expect(ran.filter((argv) => argv[0] === 'ssh-keygen')).toEqual([['ssh-keygen', '-F', lab.ssh.lab.host('sshd01').address, '-f', patterned]]);
  });

  it('still refuses a host whose key is not the one known_hosts has for it', async () => {
    // sshd02's address recorded with sshd01's key: the key sshd02 offers has changed.
    const wrong = path.join(lab.ssh.lab.dir, 'known_hosts.wrong');
    writeFileSync(wrong, `${lab.ssh.sshd.sshd01!.knownHostsLine(lab.ssh.lab.host('sshd02').address)}\n`);
    const connection = await lab.ssh.pool({ knownHostsFiles: [wrong] }).connection('sshd02');
    await expect(connection.connected(10_000)).rejects.toThrow(/changed|does not match|REMOTE HOST IDENTIFICATION/i);
  });
});
