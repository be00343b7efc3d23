// RevokedHostKeys, checked as ssh checks it (sshkey_check_revoked in OpenSSH's authfile.c): a file that starts with
// the KRL magic is a KRL, anything else a list of public keys, one a line. ssh refuses the host when its key is
// listed, and also when the file is missing, unreadable or malformed: lbtop does the same, on every handshake
// (jump hosts included), reading the file afresh each time as ssh does, so a KRL pushed by config management
// counts from the next connection.
import { readFile } from 'node:fs/promises';
import { isKrl, krlRevokes, parseKrl } from './krl.js';
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

export async function checkRevokedFile(file: string, blob: Buffer): Promise<RevocationCheck> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : message;
    return { kind: 'unreadable', reason };
  }
  try {
    const revoked = isKrl(data) ? krlRevokes(parseKrl(data), blob) : listRevokes(data.toString('latin1'), blob);
    return revoked ? { kind: 'revoked' } : { kind: 'ok' };
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    return { kind: 'unreadable', reason: `invalid format: ${error.message}` };
  }
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * sshkey_in_file(strict_type = 0): lines in order; blank and `#` lines are skipped; the first line that names the
 * key (or a certificate of it) revokes it; a line ssh cannot read as `type base64 [comment]` before that is an
 * error, not a line to skip.
 */
function listRevokes(text: string, blob: Buffer): boolean {
  const offered = plainKeyBlob(blob);
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('\0')) continue;
    const bad = (why: string) => new WireFormatError(`line ${index + 1}: ${why}`);
    // The line ends at '\n' in ssh, which counts as part of the last field: a type with nothing after it is invalid.
    const match = /^([^ \t]+)[ \t]+([^ \t]+)/.exec(line);
    if (!match) throw bad('not "type base64-key"');
    const [, type = '', encoded = ''] = match;
    const kind = keyKind(type);
    if (!kind) throw bad(`unknown key type ${JSON.stringify(type)}`);
    // b64_pton skips white space (a CR before the newline) but nothing else, and wants whole padded groups.
    const base64 = encoded.replace(/[\r\v\f]/g, '');
    if (!STRICT_BASE64.test(base64)) throw bad('invalid base64');
    const listed = Buffer.from(base64, 'base64');
    let plain: Buffer;
    try {
      plain = plainKeyBlob(listed);
    } catch (error) {
      throw bad((error as Error).message);
    }
    const blobKind = keyKind(listed.subarray(4, 4 + listed.readUInt32BE(0)).toString('latin1'));
    if (blobKind?.plain !== kind.plain || blobKind.cert !== kind.cert) throw bad(`key type does not match ${type}`);
    if (plain.equals(offered)) return true;
  }
  return false;
}
