// Host-key decisions against known_hosts files written here, looked up by the real ssh-keygen.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyPair, type KeyPair } from '../../src/lab/netns/keys.js';
import { sh } from '../../src/lab/netns/sh.js';
import { localRunner } from '../../src/transport/exec.js';
import {
  fingerprintOf,
  hashedName,
  hostKeyError,
  keyTypeOf,
  knownHostsName,
  preferredHostKeyAlgorithms,
  verifyHostKey,
  type KnownHostsPolicy,
} from '../../src/transport/ssh/known-hosts.js';

const blobOf = (key: KeyPair) => Buffer.from(key.publicKey.split(' ')[1]!, 'base64');

describe('known_hosts', () => {
  let dir: string;
  let ed: KeyPair;
  let ecdsa: KeyPair;
  let other: KeyPair;
  const policy = (files: string[], extra: Partial<KnownHostsPolicy> = {}): KnownHostsPolicy => ({
    runner: localRunner(),
    userFiles: files,
    globalFiles: [],
    acceptNew: false,
    hashKnownHosts: false,
    revokedFiles: [],
    ...extra,
  });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-kh-'));
    ed = makeKeyPair(path.join(dir, 'ed'));
    ecdsa = makeKeyPair(path.join(dir, 'ecdsa'), { type: 'ecdsa' });
    other = makeKeyPair(path.join(dir, 'other'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names hosts like ssh does', () => {
    expect(knownHostsName('10.0.0.1', 22)).toBe('10.0.0.1');
    expect(knownHostsName('10.0.0.1', 2222)).toBe('[10.0.0.1]:2222');
    expect(knownHostsName('10.0.0.1', 2222, 'lb1-key')).toBe('lb1-key');
  });

  it('reads the key type and the SHA256 fingerprint as ssh-keygen shows them', () => {
    expect(keyTypeOf(blobOf(ecdsa))).toBe('ecdsa-sha2-nistp256');
    expect(fingerprintOf(blobOf(ed))).toBe(sh(['ssh-keygen', '-lf', `${ed.path}.pub`]).stdout.split(' ')[1]);
  });

  it('finds hashed entries, wildcard patterns and global files', async () => {
    const hashed = write('hashed', `${hashedName('[lb1]:2222')} ${ed.publicKey}\n`);
    // Our hashing is the format ssh-keygen reads:
    expect(sh(['ssh-keygen', '-F', '[lb1]:2222', '-f', hashed]).code).toBe(0);
    expect(await verifyHostKey('[lb1]:2222', blobOf(ed), policy([hashed]))).toMatchObject({ kind: 'known' });
    const global = write('global', `*.lb.example ${ecdsa.publicKey}\n`);
    const verdict = await verifyHostKey('x.lb.example', blobOf(ecdsa), policy([path.join(dir, 'absent')], { globalFiles: [global] }));
    expect(verdict).toMatchObject({ kind: 'known', entry: { file: global, line: 1 } });
  });

  it('calls a different key for a recorded host "changed", and a revoked key "revoked"', async () => {
    const text = `# comment\nlb1 ${ed.publicKey}\n@revoked lb2 ${other.publicKey}\nlb2 ${ed.publicKey}\n`;
    const file = write('changed', text);
    const changed = await verifyHostKey('lb1', blobOf(other), policy([file], { acceptNew: true }));
    expect(changed).toMatchObject({ kind: 'changed', known: [{ file, line: 2, keyType: 'ssh-ed25519' }] });
    expect(readFileSync(file, 'utf8')).toBe(text); // accept-new never overwrites a recorded key
    const error = hostKeyError('lb1', 'lb1', blobOf(other), changed, policy([file]));
    expect(error.message).toContain(`Offered: ED25519 key ${fingerprintOf(blobOf(other))}; on record: ED25519 ${fingerprintOf(blobOf(ed))} (${file}:2)`);
    expect(await verifyHostKey('lb2', blobOf(other), policy([file]))).toMatchObject({ kind: 'revoked', entry: { line: 3 } });
  });

  it('accepts a new key only when asked, into the first user file', async () => {
    const first = path.join(dir, 'sub', 'known_hosts');
    expect(await verifyHostKey('lb9', blobOf(ed), policy([first]))).toEqual({ kind: 'unknown' });
    expect(await verifyHostKey('lb9', blobOf(ed), policy([first], { acceptNew: true }))).toEqual({ kind: 'accepted', file: first });
    expect(readFileSync(first, 'utf8')).toBe(`lb9 ${ed.publicKey}\n`);
    expect(await verifyHostKey('lb9', blobOf(ed), policy([first]))).toMatchObject({ kind: 'known' });
  });

  it('prefers the host key algorithms already on record', () => {
    expect(preferredHostKeyAlgorithms(['ecdsa-sha2-nistp256']).slice(0, 2)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    expect(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(preferredHostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
  });
});
