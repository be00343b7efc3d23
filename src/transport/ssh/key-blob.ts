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

// The public fields (strings or mpints, both length-prefixed) of each plain key type OpenSSH 9.x loads. XMSS is
// left out: Debian's and most distributions' OpenSSH are built without it.
const FIELDS: Record<string, number> = {
  'ssh-ed25519': 1,
  'sk-ssh-ed25519@openssh.com': 2, // key, application
  'ecdsa-sha2-nistp256': 2, // curve, point
  'ecdsa-sha2-nistp384': 2,
  'ecdsa-sha2-nistp521': 2,
  'sk-ecdsa-sha2-nistp256@openssh.com': 3, // curve, point, application
  'ssh-rsa': 2, // e, n
  'ssh-dss': 4, // p, q, g, y
};
const CERT = '-cert-v01@openssh.com';

/** A key type name → the plain type it loads as (rsa-sha2-* are names of ssh-rsa keys too), or null if unknown. */
export function keyKind(name: string): { plain: string; cert: boolean } | null {
  const cert = name.endsWith(CERT);
  let plain = cert ? name.slice(0, -CERT.length) : name;
  if (cert && plain.startsWith('sk-')) plain += '@openssh.com';
  if (plain === 'rsa-sha2-256' || plain === 'rsa-sha2-512') plain = 'ssh-rsa';
  return FIELDS[plain] === undefined ? null : { plain, cert };
}

/** The blob of the plain key in `blob` (itself, or a certificate's subject key), as OpenSSH serialises it. */
export function plainKeyBlob(blob: Buffer): Buffer {
  const wire = new Wire(blob);
  const name = wire.string().toString('latin1');
  const kind = keyKind(name);
  if (!kind) throw new WireFormatError(`unknown key type ${JSON.stringify(name)}`);
  if (kind.cert) wire.string(); // nonce
  const fields = Array.from({ length: FIELDS[kind.plain]! }, () => wire.string());
  if (kind.plain.includes('ed25519') && fields[0]!.length !== 32) throw new WireFormatError('ed25519 key of the wrong length');
  const curve = /nistp\d+/.exec(kind.plain)?.[0];
  if (curve && fields[0]!.toString('latin1') !== curve) throw new WireFormatError(`${name} key on another curve`);
  if (kind.cert) {
    // serial, type, key id, principals, valid after, valid before, critical options, extensions, reserved,
    // signature key, signature: read only so that a truncated certificate is refused like ssh refuses it.
    const layout = ['u64', 'u32', 'string', 'string', 'u64', 'u64', 'string', 'string', 'string', 'string', 'string'] as const;
    for (const field of layout) wire[field]();
  }
  wire.end('key blob');
  return Buffer.concat([sshString(kind.plain), ...fields.map((f) => sshString(f))]);
}
