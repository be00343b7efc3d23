// RevokedHostKeys, checked as ssh checks it (sshkey_check_revoked in OpenSSH's authfile.c): a file that starts with
// the KRL magic is a KRL, anything else a list of public keys, one a line. ssh refuses the host when its key is
// listed, and also when the file is missing, unreadable or malformed: lbtop does the same, on every handshake
// (jump hosts included), looking at the file each time as ssh does, so a KRL pushed by config management counts
// from the next connection.
import { readFile, stat } from 'node:fs/promises';
import { isKrl, krlRevokes, parseKrl, type Krl } from './krl.js';
import { keyKind, plainKeyBlob, WireFormatError } from './key-blob.js';

export type RevocationCheck = { kind: 'ok' } | { kind: 'revoked' } | { kind: 'unreadable'; reason: string };

/** Checks `blob` (the host key as offered) against each file in order; the first refusal is the answer. */
export async function checkRevokedFiles(files: readonly string[], blob: Buffer): Promise<RevocationCheck & { file?: string }> {
  for (const file of files) {
    const check = await checkRevokedFile(file, blob);
    if (check.kind !== 'ok') return { ...check, file };
  }
  return { kind: 'ok' };
}

// What a file says, parsed once per version of the file: 50 LBs at start-up check the same KRL 50 times. The stamp
// is taken before the read, so a file rewritten meanwhile only costs one more read; ctime changes on every write.
type Parsed = { krl: Krl } | { list: KeyList } | { invalid: string };

/** A key list: each listed plain key → the line it is first on; and the first line ssh cannot read, if any. */
interface KeyList {
  lines: Map<string, number>;
  firstBad?: { line: number; error: WireFormatError };
}
const parsedFiles = new Map<string, { stamp: string; parsed: Parsed }>();

export async function checkRevokedFile(file: string, blob: Buffer): Promise<RevocationCheck> {
  let parsed: Parsed;
  try {
    parsed = await load(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : message;
    return { kind: 'unreadable', reason };
  }
  if ('invalid' in parsed) return { kind: 'unreadable', reason: `invalid format: ${parsed.invalid}` };
  if ('krl' in parsed) return krlRevokes(parsed.krl, blob) ? { kind: 'revoked' } : { kind: 'ok' };
  // ssh reads the list up to the first line naming the key; an unreadable line before that refuses the host.
  const { lines, firstBad } = parsed.list;
  const line = lines.get(plainKeyBlob(blob).toString('latin1')) ?? Infinity;
  if (firstBad && firstBad.line < line) return { kind: 'unreadable', reason: `invalid format: ${firstBad.error.message}` };
  return line < Infinity ? { kind: 'revoked' } : { kind: 'ok' };
}

async function load(file: string): Promise<Parsed> {
  const stats = await stat(file, { bigint: true });
  if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  const stamp = [stats.dev, stats.ino, stats.size, stats.mtimeNs, stats.ctimeNs].join(':');
  const cached = parsedFiles.get(file);
  if (cached?.stamp === stamp) return cached.parsed;
  const data = await readFile(file);
  let parsed: Parsed;
  try {
    parsed = isKrl(data) ? { krl: parseKrl(data) } : { list: parseKeyList(data.toString('latin1')) };
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    parsed = { invalid: error.message };
  }
  parsedFiles.set(file, { stamp, parsed });
  return parsed;
}

/**
 * sshkey_in_file(strict_type = 0) reads lines in order: blank and `#` lines are skipped, each other line must read
 * as `type base64 [comment]`, and a certificate stands for the key it certifies.
 */
function parseKeyList(text: string): KeyList {
  const list: KeyList = { lines: new Map() };
  let number = 0;
  for (const raw of text.split('\n')) {
    number += 1;
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('\0')) continue;
    try {
      const key = listedKey(line).toString('latin1');
      if (!list.lines.has(key)) list.lines.set(key, number);
    } catch (error) {
      if (!(error instanceof WireFormatError)) throw error;
      // Lines after the first bad one still count: a key listed before it is revoked all the same.
      list.firstBad ??= { line: number, error: new WireFormatError(`line ${number}: ${error.message}`) };
    }
  }
  return list;
}

function listedKey(line: string): Buffer {
  // The line ends at '\n' in ssh, which counts as part of the last field: a type with nothing after it is invalid.
  const match = /^([^ \t]+)[ \t]+([^ \t]+)/.exec(line);
  if (!match) throw new WireFormatError('not "type base64-key"');
  const type = match[1]!;
  const kind = keyKind(type);
  if (!kind) throw new WireFormatError(`unknown key type ${JSON.stringify(type)}`);
  // b64_pton skips white space (a CR before the newline) and wants canonical base64: whole padded groups, no
  // stray bits; a round trip is exactly that test.
  const base64 = match[2]!.replace(/[\r\v\f]/g, '');
  const listed = Buffer.from(base64, 'base64');
  if (listed.length < 4 || listed.toString('base64') !== base64) throw new WireFormatError('invalid base64');
  const plain = plainKeyBlob(listed);
  const blobKind = keyKind(listed.toString('latin1', 4, 4 + listed.readUInt32BE(0)));
  if (blobKind?.plain !== kind.plain || blobKind.cert !== kind.cert) throw new WireFormatError(`key type does not match ${type}`);
  return plain;
}
