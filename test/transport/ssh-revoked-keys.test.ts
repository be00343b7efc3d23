// RevokedHostKeys files read by lbtop, against the same files read by OpenSSH's own tools: KRLs made by the real
// `ssh-keygen -k` (every section a host key can be revoked by, and certificate sections to walk past) must get
// the answer `ssh-keygen -Q` gives, malformed ones included; public-key lists follow sshkey_in_file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyPair, type KeyPair } from '../../src/lab/netns/keys.js';
import { sh } from '../../src/lab/netns/sh.js';
import { RevokedHostKeyError } from '../../src/transport/ssh/errors.js';
import { parseKrl } from '../../src/transport/ssh/krl.js';
import { hostKeyError, verifyHostKey, type KnownHostsPolicy } from '../../src/transport/ssh/known-hosts.js';
import { localRunner } from '../../src/transport/exec.js';
import { checkRevokedFile, type RevocationCheck } from '../../src/transport/ssh/revoked-keys.js';

const blobOf = (key: KeyPair) => Buffer.from(key.publicKey.split(' ')[1]!, 'base64');
/** ssh-keygen -Q: exit 0 not revoked, 1 revoked, 255 file refused. */
const KEYGEN_ANSWER: Record<number, RevocationCheck['kind']> = { 0: 'ok', 1: 'revoked', 255: 'unreadable' };

describe('RevokedHostKeys files', () => {
  let dir: string;
  let keys: Record<'ed' | 'ecdsa' | 'rsa' | 'other' | 'ca', KeyPair>;
  const file = (name: string, data: string | Buffer) => {
    const at = path.join(dir, name);
    writeFileSync(at, data);
    return at;
  };
  const keygenQ = (krl: string, key: KeyPair) => KEYGEN_ANSWER[sh(['ssh-keygen', '-Q', '-f', krl, `${key.path}.pub`], { allowFail: true }).code];
  const lbtop = async (at: string, key: KeyPair) => (await checkRevokedFile(at, blobOf(key))).kind;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-krl-'));
    keys = {
      ed: makeKeyPair(path.join(dir, 'ed')),
      ecdsa: makeKeyPair(path.join(dir, 'ecdsa'), { type: 'ecdsa' }),
      rsa: makeKeyPair(path.join(dir, 'rsa'), { type: 'rsa' }),
      other: makeKeyPair(path.join(dir, 'other')),
      ca: makeKeyPair(path.join(dir, 'ca')),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers as ssh-keygen -Q for a KRL of explicit keys (ssh-keygen -k -f krl pubkey…)', async () => {
    const krl = path.join(dir, 'explicit.krl');
    sh(['ssh-keygen', '-k', '-f', krl, `${keys.ed.path}.pub`, `${keys.rsa.path}.pub`]);
    expect(parseKrl(readFileSync(krl)).keys.size).toBe(2);
    for (const key of Object.values(keys)) expect(await lbtop(krl, key)).toBe(keygenQ(krl, key));
    expect(await lbtop(krl, keys.ed)).toBe('revoked');
    expect(await lbtop(krl, keys.other)).toBe('ok');
  });

  it('answers as ssh-keygen -Q for SHA1 and SHA256 sections, past certificate serials, bitmaps and key ids', async () => {
    const fingerprint = sh(['ssh-keygen', '-lf', `${keys.other.path}.pub`]).stdout.split(' ')[1];
    const spec = file('spec', [`sha1: ${keys.rsa.publicKey}`, `sha256: ${keys.ecdsa.publicKey}`, `hash: ${fingerprint}`, 'serial: 1-5', 'serial: 9', 'id: lb-old', ''].join('\n'));
    const krl = path.join(dir, 'hashes.krl');
    sh(['ssh-keygen', '-k', '-s', `${keys.ca.path}.pub`, '-f', krl, spec]);
    // -u adds to the KRL: the result holds every kind of section ssh-keygen writes.
    sh(['ssh-keygen', '-k', '-u', '-f', krl, `${keys.ca.path}.pub`]);
    const parsed = parseKrl(readFileSync(krl));
    expect([parsed.sha1.size, parsed.sha256.size, parsed.keys.size]).toEqual([1, 2, 1]);
    for (const key of Object.values(keys)) expect(await lbtop(krl, key)).toBe(keygenQ(krl, key));
    expect(await lbtop(krl, keys.ed)).toBe('ok');
  });

  it('refuses a malformed KRL as ssh-keygen -Q does, whatever the key', async () => {
    const krl = path.join(dir, 'base.krl');
    sh(['ssh-keygen', '-k', '-f', krl, `${keys.rsa.path}.pub`]);
    const good = readFileSync(krl);
    const version2 = Buffer.from(good);
    version2.writeUInt32BE(2, 8);
    const variants = {
      truncated: good.subarray(0, good.length - 1),
      'unknown section': Buffer.concat([good, Buffer.from([6, 0, 0, 0, 0])]),
      'signature section': Buffer.concat([good, Buffer.from([4, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])]),
      'short SHA1 hash': Buffer.concat([good, Buffer.from([3, 0, 0, 0, 5, 0, 0, 0, 0, 9])]),
      'format version 2': version2,
      // OpenSSH 9.4+ refuses a critical extension it does not know (9.2 refuses every extension section).
      'critical extension': Buffer.concat([good, Buffer.from([255, 0, 0, 0, 11, 0, 0, 0, 1, 120, 1, 0, 0, 0, 1, 0])]),
    };
    for (const [name, data] of Object.entries(variants)) {
      const at = file(`${name}.krl`, data);
      for (const key of [keys.ed, keys.rsa]) {
        expect([name, await lbtop(at, key)]).toEqual([name, 'unreadable']);
        expect([name, keygenQ(at, key)]).toEqual([name, 'unreadable']);
      }
    }
    // A non-critical extension may be ignored (PROTOCOL.krl §5, and OpenSSH 9.4+ does): the revocations still hold.
    const optional = file('optional.krl', Buffer.concat([good, Buffer.from([255, 0, 0, 0, 11, 0, 0, 0, 1, 120, 0, 0, 0, 0, 1, 0])]));
    expect([await lbtop(optional, keys.rsa), await lbtop(optional, keys.ed)]).toEqual(['revoked', 'ok']);
  });

  it('reads a plain list of public keys as ssh does: comments, CRLF, certificates of the key, bad lines refuse', async () => {
    sh(['ssh-keygen', '-q', '-s', keys.ca.path, '-I', 'lb1', '-h', `${keys.ed.path}.pub`]);
    const cert = readFileSync(`${keys.ed.path}-cert.pub`, 'utf8').trim();
    const list = file('list', `# revoked 2026-12\n\n  ${keys.rsa.publicKey} old lb2\r\n\t${keys.ecdsa.publicKey}\n`);
    expect(await lbtop(list, keys.rsa)).toBe('revoked');
    expect(await lbtop(list, keys.ecdsa)).toBe('revoked');
    expect(await lbtop(list, keys.ed)).toBe('ok');
    // A host certificate in the list revokes the key it certifies (sshkey_equal_public).
    expect(await lbtop(file('certs', `${cert}\n`), keys.ed)).toBe('revoked');
    // ssh reads up to the first match; an unreadable line before it refuses every host.
    expect(await lbtop(file('bad-first', `garbage\n${keys.ed.publicKey}\n`), keys.ed)).toBe('unreadable');
    expect(await lbtop(file('bad-after', `${keys.ed.publicKey}\nssh-ed25519 !!!\n`), keys.ed)).toBe('revoked');
    expect(await lbtop(file('bad-after2', `${keys.ed.publicKey}\nssh-ed25519 !!!\n`), keys.other)).toBe('unreadable');
    expect(await lbtop(file('mismatch', `ssh-rsa ${keys.ed.publicKey.split(' ')[1]}\n`), keys.other)).toBe('unreadable');
    expect(await lbtop(file('empty', ''), keys.ed)).toBe('ok');
    // Parsed once per version of the file: rewritten in place with a key of the same size, the new text counts.
    const swap = file('swap', `${keys.ed.publicKey}\n`);
    expect(await lbtop(swap, keys.ed)).toBe('revoked');
    file('swap', `${keys.other.publicKey}\n`);
    expect([await lbtop(swap, keys.ed), await lbtop(swap, keys.other)]).toEqual(['ok', 'revoked']);
    expect(await checkRevokedFile(path.join(dir, 'absent'), blobOf(keys.ed))).toEqual({ kind: 'unreadable', reason: 'no such file' });
    expect(await checkRevokedFile(dir, blobOf(keys.ed))).toEqual({ kind: 'unreadable', reason: 'is a directory' });
  });

  it('refuses a revoked key before known_hosts, with an error naming the host, the fingerprint and the file', async () => {
    const known = file('known_hosts', `lb1 ${keys.ed.publicKey}\n`);
    const krl = path.join(dir, 'lb1.krl');
    sh(['ssh-keygen', '-k', '-f', krl, `${keys.ed.path}.pub`]);
    const policy = (revokedFiles: string[]): KnownHostsPolicy => ({
      runner: localRunner(),
      userFiles: [known],
      globalFiles: [],
      acceptNew: true,
      hashKnownHosts: false,
      revokedFiles,
    });
    expect(await verifyHostKey('lb1', blobOf(keys.ed), policy([]))).toMatchObject({ kind: 'known' });
    const verdict = await verifyHostKey('lb1', blobOf(keys.ed), policy([krl]));
    expect(verdict).toEqual({ kind: 'revoked-by-file', file: krl });
    const fingerprint = sh(['ssh-keygen', '-lf', `${keys.ed.path}.pub`]).stdout.split(' ')[1]!;
    const error = hostKeyError('lb1', 'lb1', blobOf(keys.ed), verdict, policy([krl]));
    expect(error).toBeInstanceOf(RevokedHostKeyError);
    expect(error).toMatchObject({ host: 'lb1', fingerprint, file: krl, verdict: 'revoked' });
    expect(error.message).toBe(`ssh lb1: host key of lb1 is REVOKED (RevokedHostKeys ${krl}): ED25519 key ${fingerprint}. Refusing to connect.`);
    // accept-new never records a revoked key.
    expect(await verifyHostKey('lb9', blobOf(keys.ed), policy([krl]))).toEqual({ kind: 'revoked-by-file', file: krl });
    expect(readFileSync(known, 'utf8')).toBe(`lb1 ${keys.ed.publicKey}\n`);
    const missing = await verifyHostKey('lb1', blobOf(keys.ed), policy([krl + '.absent']));
    expect(hostKeyError('lb1', 'lb1', blobOf(keys.ed), missing, policy([]))).toMatchObject({ verdict: 'unchecked', file: `${krl}.absent` });
  });
});
