// known_hosts read in lbtop's process (no ssh-keygen fork per handshake) must find what the real `ssh-keygen -F`
// finds: the same file is looked up both ways (a copy ending in a wildcard line, which only ssh-keygen reads, keeps
// every line number), for plain, listed, bracketed, hashed, revoked, CA and repeated entries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyPair, type KeyPair } from '../../src/lab/netns/keys.js';
import { localRunner, type CommandRunner } from '../../src/transport/exec.js';
import { hashedName, lookupKnownHosts, type KnownHostsPolicy } from '../../src/transport/ssh/known-hosts.js';

describe('known_hosts read in-process', () => {
  let dir: string;
  let ed: KeyPair;
  let ecdsa: KeyPair;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-khp-'));
    ed = makeKeyPair(path.join(dir, 'ed'));
    ecdsa = makeKeyPair(path.join(dir, 'ecdsa'), { type: 'ecdsa' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the entries ssh-keygen finds, without running it', async () => {
    const text = [
      '# lbtop test',
      `lb1 ${ed.publicKey}`,
      '',
      `lb3,LB4,10.0.0.4 ${ecdsa.publicKey} comment words`,
      `[10.0.0.1]:2222 ${ed.publicKey}`,
      `${hashedName('[lb5]:2200')} ${ecdsa.publicKey}`,
      `${hashedName('lb6')} ${ed.publicKey}`,
      `@revoked lb6 ${ecdsa.publicKey}`,
      `@cert-authority lb1 ${ecdsa.publicKey}`,
      `lb1 ${ecdsa.publicKey}`,
      `  lb7\t${ed.publicKey}`,
    ].join('\n');
    const inProcess = path.join(dir, 'known_hosts');
    const viaKeygen = path.join(dir, 'known_hosts.keygen');
    writeFileSync(inProcess, `${text}\n`);
    writeFileSync(viaKeygen, `${text}\n*.nothing.invalid ${ed.publicKey}\n`);
    const local = localRunner();
    const ran: string[][] = [];
    const runner: CommandRunner = { ...local, run: (argv, options) => (ran.push([...argv]), local.run(argv, options)) };
    const policy: KnownHostsPolicy = { runner, userFiles: [], globalFiles: [], acceptNew: false, hashKnownHosts: false, revokedFiles: [] };
    const names = ['lb1', 'LB1', 'lb3', 'lb4', '10.0.0.4', '[10.0.0.1]:2222', '10.0.0.1', '[lb5]:2200', 'lb5', 'lb6', 'lb7', 'lb2'];
    for (const name of names) {
      const mine = (await lookupKnownHosts(name, [inProcess], policy)).map(({ file: _file, ...entry }) => entry);
      const theirs = (await lookupKnownHosts(name, [viaKeygen], policy)).map(({ file: _file, ...entry }) => entry);
      expect({ name, entries: mine }).toEqual({ name, entries: theirs });
    }
    // Only the copy with the wildcard line went to ssh-keygen.
    expect(ran.filter((argv) => argv.includes(inProcess))).toEqual([]);
    expect(ran.filter((argv) => argv.includes(viaKeygen))).toHaveLength(names.length);
    // And the cases are not empty: the comparison compares something.
    expect((await lookupKnownHosts('lb1', [inProcess], policy)).map((e) => e.line)).toEqual([2, 10]);
    expect((await lookupKnownHosts('lb6', [inProcess], policy)).map((e) => `${e.line} ${e.revoked}`)).toEqual(['7 false', '8 true']);
  });
});
