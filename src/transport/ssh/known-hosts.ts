// Strict host-key checking against the operator's known_hosts files. Plain and hashed entries are read here; a file
// with patterns goes to `ssh-keygen -F NAME -f FILE`, which matches them exactly as ssh does. lbtop compares key blobs.
// An unknown key is refused unless accept-new was asked for; a changed or revoked key is refused, always.
// RevokedHostKeys files are checked first, as ssh does (verify_host_key): a revoked key is refused even when
// known_hosts has it, and is never recorded by accept-new.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TransportError } from '../../model/errors.js';
import type { CommandRunner } from '../exec.js';
import { RevokedHostKeyError } from './errors.js';
import { lookupInFile } from './known-hosts-file.js';
import { checkRevokedFiles } from './revoked-keys.js';

export interface KnownHostsPolicy {
  runner: CommandRunner;
  /** UserKnownHostsFile: looked up first; accepted keys are appended to the first one. */
  userFiles: string[];
  /** GlobalKnownHostsFile (/etc/ssh/ssh_known_hosts): looked up, never written. */
  globalFiles: string[];
  /** Like StrictHostKeyChecking=accept-new: record an unknown key, still refuse a changed one. */
  acceptNew: boolean;
  hashKnownHosts: boolean;
  /** RevokedHostKeys (KRLs or public-key lists), from ssh_config; any one of them can refuse the key. */
  revokedFiles: string[];
  keygenBin?: string;
}

export interface KnownEntry {
  file: string;
  line: number;
  keyType: string;
  key: string;
  revoked: boolean;
}

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownEntry }
  | { kind: 'accepted'; file: string }
  | { kind: 'unknown' }
  | { kind: 'changed'; known: KnownEntry[] }
  | { kind: 'revoked'; entry: KnownEntry }
  | { kind: 'revoked-by-file'; file: string }
  | { kind: 'revocation-unchecked'; file: string; reason: string };

/** The name ssh records: `host` on port 22, `[host]:port` otherwise; a HostKeyAlias is used as it is. */
export function knownHostsName(host: string, port: number, alias: string | null = null): string {
  if (alias) return alias;
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type is the first string of the wire-format blob (uint32 length + name). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  return blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** `|1|salt|HMAC-SHA1(salt, name)`: the HashKnownHosts format, so an accepted line leaks no host name. */
export function hashedName(name: string, salt: Buffer = randomBytes(20)): string {
  const mac = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${mac}`;
}

/**
 * A file with nothing in it (`GlobalKnownHostsFile /dev/null`, an empty known_hosts) holds no entry: no
 * ssh-keygen for it. A fleet of 50 hosts spawned 200 of them at start, each a fork of lbtop's process that blocks
 * its event loop, and the first screen waited for them.
 */
function empty(file: string): boolean {
  try {
    return statSync(file).size === 0;
  } catch {
    return false; // unreadable: ssh-keygen says so below, and the lookup fails closed
  }
}

export async function lookupKnownHosts(name: string, files: string[], policy: KnownHostsPolicy): Promise<KnownEntry[]> {
  const entries: KnownEntry[] = [];
  for (const file of files) {
    if (!existsSync(file) || empty(file)) continue;
    // Plain and hashed entries are read here (known-hosts-file.ts): no ssh-keygen fork per handshake.
    const read = lookupInFile(name, file);
    if (read) {
      entries.push(...read.map((entry) => ({ file, ...entry })));
      continue;
    }
    const result = await policy.runner.run([policy.keygenBin ?? 'ssh-keygen', '-F', name, '-f', file], { timeoutMs: 5000 });
    if (result.code !== 0 && result.code !== 1) {
      // Fail closed: a known_hosts file we cannot read might hold the entry that says the key changed.
      throw new TransportError(`cannot read ${file}: ${result.stderr.trim()}`, `check the permissions of ${file}`);
    }
    let line = 0;
    let revoked = false;
    for (const text of result.stdout.split('\n')) {
      const found = /^# Host .* found: line (\d+)(.*)$/.exec(text);
      if (found) {
        line = Number(found[1]);
        revoked = /REVOKED/.test(found[2] ?? '');
        // Certificate authorities sign host certificates, which lbtop does not use: such a line is no answer.
        if (/\bCA\b/.test(found[2] ?? '')) line = 0;
        continue;
      }
      const fields = text.trim().split(/\s+/);
      if (line === 0 || fields.length < 3) continue;
      if (fields[0]?.startsWith('@')) fields.shift();
      entries.push({ file, line, keyType: fields[1] ?? '', key: fields[2] ?? '', revoked });
      line = 0;
    }
  }
  return entries;
}

/**
 * `lookedUp`: the entries of `name` the handshake already looked up (to order the host-key algorithms) moments
 * before, so the same files are not read by ssh-keygen twice per connection; absent, they are looked up here.
 */
export async function verifyHostKey(name: string, blob: Buffer, policy: KnownHostsPolicy, lookedUp?: KnownEntry[]): Promise<HostKeyVerdict> {
  const revocation = await checkRevokedFiles(policy.revokedFiles, blob);
  if (revocation.kind === 'revoked') return { kind: 'revoked-by-file', file: revocation.file! };
  if (revocation.kind === 'unreadable') return { kind: 'revocation-unchecked', file: revocation.file!, reason: revocation.reason };
  const entries = lookedUp ?? (await lookupKnownHosts(name, [...policy.userFiles, ...policy.globalFiles], policy));
  const offered = blob.toString('base64');
  const revoked = entries.find((e) => e.revoked && e.key === offered);
  if (revoked) return { kind: 'revoked', entry: revoked };
  const match = entries.find((e) => !e.revoked && e.key === offered);
  if (match) return { kind: 'known', entry: match };
  const known = entries.filter((e) => !e.revoked);
  if (known.length > 0) return { kind: 'changed', known };
  const file = policy.userFiles[0];
  if (!policy.acceptNew || !file) return { kind: 'unknown' };
  await appendKnownHost(file, name, blob, policy.hashKnownHosts);
  return { kind: 'accepted', file };
}

async function appendKnownHost(file: string, name: string, blob: Buffer, hashed: boolean): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  const host = hashed ? hashedName(name) : name;
  await appendFile(file, `${separator}${host} ${keyTypeOf(blob)} ${blob.toString('base64')}\n`, { mode: 0o600 });
}

const SHORT_TYPE: Record<string, string> = { 'ssh-ed25519': 'ED25519', 'ssh-rsa': 'RSA', 'ssh-dss': 'DSA' };
const shortType = (type: string) => SHORT_TYPE[type] ?? (type.startsWith('ecdsa-') ? 'ECDSA' : type);

/** The refusal to show the operator: what was offered, what is on record, and the exact way forward. */
export function hostKeyError(alias: string, name: string, blob: Buffer, verdict: HostKeyVerdict, policy: KnownHostsPolicy): TransportError {
  const offered = `${shortType(keyTypeOf(blob))} key ${fingerprintOf(blob)}`;
  const userFile = policy.userFiles[0] ?? '~/.ssh/known_hosts';
  if (verdict.kind === 'unknown') {
    return new TransportError(
      `ssh ${alias}: host key of ${name} is not known: ${offered}. Refusing to connect.`,
      `check this fingerprint with the host's owner (on the host: ssh-keygen -lf /etc/ssh/ssh_host_${keyTypeOf(blob).replace(/^ssh-|-.*$/g, '')}_key.pub), ` +
        `then accept it with \`ssh ${alias}\` (answer yes), or let lbtop add it to ${userFile} with accept-new`,
    );
  }
  if (verdict.kind === 'revoked' || verdict.kind === 'revoked-by-file') {
    const where = verdict.kind === 'revoked' ? `@revoked in ${verdict.entry.file}:${verdict.entry.line}` : `RevokedHostKeys ${verdict.file}`;
    const file = verdict.kind === 'revoked' ? verdict.entry.file : verdict.file;
    return new RevokedHostKeyError(
      `ssh ${alias}: host key of ${name} is REVOKED (${where}): ${offered}. Refusing to connect.`,
      'a revoked key means the host is compromised or impersonated: tell the host owner; do not work around this',
      name,
      fingerprintOf(blob),
      file,
      'revoked',
    );
  }
  if (verdict.kind === 'revocation-unchecked') {
    return new RevokedHostKeyError(
      `ssh ${alias}: cannot check the host key of ${name} (${offered}) against RevokedHostKeys ${verdict.file}: ` +
        `${verdict.reason}. Refusing to connect, as ssh does.`,
      `restore ${verdict.file} or correct RevokedHostKeys for ${alias} in ssh_config (\`ssh-keygen -Ql -f ${verdict.file}\` lists what a KRL revokes)`,
      name,
      fingerprintOf(blob),
      verdict.file,
      'unchecked',
    );
  }
  const recorded = verdict.kind === 'changed' ? verdict.known : [];
  const onRecord = recorded
    .map((e) => `${shortType(e.keyType)} ${fingerprintOf(Buffer.from(e.key, 'base64'))} (${e.file}:${e.line})`)
    .join(', ');
  const file = recorded[0]?.file ?? userFile;
  return new TransportError(
    `ssh ${alias}: WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for ${name}! Someone could be eavesdropping ` +
      `(man-in-the-middle), or the host key was just replaced. Offered: ${offered}; on record: ${onRecord}. Refusing to connect.`,
    `if the change is expected (host reinstalled), confirm the new fingerprint out of band, then remove the old ` +
      `entry with \`ssh-keygen -R '${name}' -f ${file}\` and connect again`,
  );
}

// ssh2's list minus ssh-dss. Known key types are put first, like OpenSSH does, so that a host with keys of several
// types presents the one on record instead of looking "changed".
const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

export function preferredHostKeyAlgorithms(knownTypes: string[]): string[] {
  const first = knownTypes.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]));
  const ordered = [...first.filter((a) => HOST_KEY_ALGORITHMS.includes(a)), ...HOST_KEY_ALGORITHMS];
  return [...new Set(ordered)];
}
