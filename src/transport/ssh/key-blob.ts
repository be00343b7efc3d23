// The SSH wire format (RFC 4251 §5) and public-key blobs (RFC 4253 §6.6, OpenSSH PROTOCOL.certkeys), read just far
// enough to decide revocation as OpenSSH does: a certificate stands for the plain key inside it, and a blob that
// ssh would refuse to load is an error, never "not revoked".

export class WireFormatError extends Error {}

/** A cursor over one buffer; every read past the end is a WireFormatError. */
export class Wire {
  private at = 0;
  constructor(private readonly buf: Buffer) {}

  get left(): number {
    return this.buf.length - this.at;
  }
  private take(n: number): Buffer {
    if (n > this.left) throw new WireFormatError('truncated data');
    this.at += n;
    return this.buf.subarray(this.at - n, this.at);
  }
  u8(): number {
    return this.take(1).readUInt8(0);
  }
  u32(): number {
    return this.take(4).readUInt32BE(0);
  }
  u64(): bigint {
    return this.take(8).readBigUInt64BE(0);
  }
  string(): Buffer {
    return this.take(this.u32());
  }
  /** sshbuf_get_cstring: a NUL inside the string (a trailing one is tolerated) makes it malformed. */
  cstring(): string {
    const s = this.string();
    const nul = s.indexOf(0);
    if (nul >= 0 && nul < s.length - 1) throw new WireFormatError('string with an embedded NUL');
    return s.toString('utf8');
  }
  end(what: string): void {
    if (this.left > 0) throw new WireFormatError(`${what} has ${this.left} bytes of trailing data`);
  }
}

export function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

// The public fields (strings or mpints, both length-prefixed) of each plain key type OpenSSH 9.x loads, with what
// ssh checks of them here: an ed25519 key is 32 bytes, an ECDSA key names the curve of its type. XMSS is left out:
// Debian's and most distributions' OpenSSH are built without it.
const TYPES: Record<string, { fields: number; ed25519?: true; curve?: string }> = {
  'ssh-ed25519': { fields: 1, ed25519: true },
  'sk-ssh-ed25519@openssh.com': { fields: 2, ed25519: true }, // key, application
  'ecdsa-sha2-nistp256': { fields: 2, curve: 'nistp256' }, // curve, point
  'ecdsa-sha2-nistp384': { fields: 2, curve: 'nistp384' },
  'ecdsa-sha2-nistp521': { fields: 2, curve: 'nistp521' },
  'sk-ecdsa-sha2-nistp256@openssh.com': { fields: 3, curve: 'nistp256' }, // curve, point, application
  'ssh-rsa': { fields: 2 }, // e, n
  'ssh-dss': { fields: 4 }, // p, q, g, y
};
const CERT = '-cert-v01@openssh.com';
// After a certificate's key: serial, type, key id, principals, valid after, valid before, critical options,
// extensions, reserved, signature key, signature. Read only so that a truncated certificate is refused as in ssh.
const CERT_TAIL = ['u64', 'u32', 'string', 'string', 'u64', 'u64', 'string', 'string', 'string', 'string', 'string'] as const;

/** A key type name → the plain type it loads as (rsa-sha2-* are names of ssh-rsa keys too), or null if unknown. */
export function keyKind(name: string): { plain: string; cert: boolean } | null {
  const cert = name.endsWith(CERT);
  let plain = cert ? name.slice(0, -CERT.length) : name;
  if (cert && plain.startsWith('sk-')) plain += '@openssh.com';
  if (plain === 'rsa-sha2-256' || plain === 'rsa-sha2-512') plain = 'ssh-rsa';
  return TYPES[plain] === undefined ? null : { plain, cert };
}

/** The blob of the plain key in `blob` (itself, or a certificate's subject key), as OpenSSH serialises it. */
export function plainKeyBlob(blob: Buffer): Buffer {
  const wire = new Wire(blob);
  const name = wire.string().toString('latin1');
  const kind = keyKind(name);
  if (!kind) throw new WireFormatError(`unknown key type ${JSON.stringify(name)}`);
  const type = TYPES[kind.plain]!;
  if (kind.cert) wire.string(); // nonce
  const fields: Buffer[] = [];
  for (let i = 0; i < type.fields; i++) fields.push(wire.string());
  if (type.ed25519 && fields[0]!.length !== 32) throw new WireFormatError('ed25519 key of the wrong length');
  if (type.curve && fields[0]!.toString('latin1') !== type.curve) throw new WireFormatError(`${name} key on another curve`);
  if (kind.cert) for (const field of CERT_TAIL) wire[field]();
  wire.end('key blob');
  if (!kind.cert && name === kind.plain) return blob;
  return Buffer.concat([sshString(kind.plain), ...fields.map((f) => sshString(f))]);
}
