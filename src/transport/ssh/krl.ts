// OpenSSH key revocation lists (KRL; the format is PROTOCOL.krl in openssh-portable), read as ssh reads a
// RevokedHostKeys file. A plain host key is revoked by three sections: explicit keys and SHA1/SHA256 hashes of the
// key blob. Certificate sections revoke certificates, which lbtop never accepts as host keys; they are walked only
// so that a malformed file is refused as ssh refuses it (fail closed: a KRL ssh cannot read refuses every host).
// Parsed here rather than by `ssh-keygen -Q`, which reads only KRLs (a plain key list fails "invalid magic number"),
// wants the key in a file, and would add a process to every handshake.
import { createHash } from 'node:crypto';
import { plainKeyBlob, Wire, WireFormatError } from './key-blob.js';

const MAGIC = Buffer.from('SSHKRL\n\0', 'latin1');
const FORMAT_VERSION = 1;

const SECTION = { certificates: 1, explicitKey: 2, sha1: 3, signature: 4, sha256: 5, extension: 255 } as const;
const CERT_SECTION = { serialList: 0x20, serialRange: 0x21, serialBitmap: 0x22, keyId: 0x23, extension: 0x39 } as const;

export interface Krl {
  /** Revoked plain-key blobs, and SHA1 / SHA256 digests of such blobs, as latin1 strings (cheap Set keys). */
  keys: Set<string>;
  sha1: Set<string>;
  sha256: Set<string>;
}

/** ssh takes a file for a KRL by its magic alone; anything else is read as a list of public keys. */
export function isKrl(data: Buffer): boolean {
  return data.length >= MAGIC.length && data.subarray(0, MAGIC.length).equals(MAGIC);
}

export function parseKrl(data: Buffer): Krl {
  if (!isKrl(data)) throw new WireFormatError('not a KRL (bad magic)');
  const krl: Krl = { keys: new Set(), sha1: new Set(), sha256: new Set() };
  const wire = new Wire(data.subarray(MAGIC.length));
  const version = wire.u32();
  if (version !== FORMAT_VERSION) throw new WireFormatError(`unsupported KRL format version ${version}`);
  wire.u64(); // krl_version
  wire.u64(); // generated_date
  wire.u64(); // flags
  wire.string(); // reserved
  wire.cstring(); // comment
  while (wire.left > 0) {
    const type = wire.u8();
    if (type === SECTION.signature) {
      // OpenSSH 9.4+ refuses signed KRLs; 9.2 verifies the signature, which lbtop cannot do: refuse, never skip.
      throw new WireFormatError('the KRL is signed; lbtop cannot verify KRL signatures (OpenSSH 9.4+ refuses them)');
    }
    const section = new Wire(wire.string());
    if (type === SECTION.certificates) certificateSection(section);
    else if (type === SECTION.explicitKey) hashes(section, krl.keys, 0);
    else if (type === SECTION.sha1) hashes(section, krl.sha1, 20);
    else if (type === SECTION.sha256) hashes(section, krl.sha256, 32);
    else if (type === SECTION.extension) extension(section, 'KRL');
    else throw new WireFormatError(`unsupported KRL section ${type}`);
    section.end(`KRL section ${type}`);
  }
  return krl;
}

/** ssh_krl_check_key for a plain key: its SHA1, its SHA256, then the key itself. */
export function krlRevokes(krl: Krl, blob: Buffer): boolean {
  const digest = (algorithm: string) => createHash(algorithm).update(blob).digest().toString('latin1');
  return krl.sha1.has(digest('sha1')) || krl.sha256.has(digest('sha256')) || krl.keys.has(blob.toString('latin1'));
}

function hashes(section: Wire, into: Set<string>, length: number): void {
  while (section.left > 0) {
    const value = section.string();
    if (length > 0 && value.length !== length) throw new WireFormatError(`a ${length}-byte hash of ${value.length} bytes`);
    into.add(value.toString('latin1'));
  }
}

/** A non-critical extension may be ignored; a critical one nobody knows refuses the KRL (PROTOCOL.krl §5). */
function extension(section: Wire, where: string): void {
  const name = section.cstring();
  const critical = section.u8() !== 0;
  section.string();
  if (critical) throw new WireFormatError(`${where} has an unsupported critical extension ${JSON.stringify(name)}`);
}

function certificateSection(section: Wire): void {
  const ca = section.string();
  section.string(); // reserved
  if (ca.length > 0) plainKeyBlob(ca); // the CA key must load, as in ssh
  while (section.left > 0) {
    const type = section.u8();
    const sub = new Wire(section.string());
    if (type === CERT_SECTION.serialList) {
      while (sub.left > 0) if (sub.u64() === 0n) throw new WireFormatError('certificate serial 0');
    } else if (type === CERT_SECTION.serialRange) {
      const [low, high] = [sub.u64(), sub.u64()];
      if (low === 0n || low > high) throw new WireFormatError(`invalid serial range ${low}-${high}`);
    } else if (type === CERT_SECTION.serialBitmap) {
      sub.u64();
      const bitmap = sub.string();
      if ((bitmap[0] ?? 0) & 0x80) throw new WireFormatError('negative serial bitmap');
    } else if (type === CERT_SECTION.keyId) {
      while (sub.left > 0) sub.cstring();
    } else if (type === CERT_SECTION.extension) {
      extension(sub, 'KRL certificate section');
    } else {
      throw new WireFormatError(`unsupported KRL certificate section ${type}`);
    }
    sub.end(`KRL certificate section ${type}`);
  }
}
