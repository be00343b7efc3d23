// What a server's address says about the machine it runs on. A node is a machine, identified by the IP its
// servers point at; HAProxy's `addr` column (stats.c, ST_F_ADDR) prints "ip:port" for IPv4, "[ip]:port" for
// IPv6, "unix" for a unix socket, nothing for a server with no address yet (`init-addr none`, a
// server-template slot waiting for DNS) and 0.0.0.0 for placeholders. Only the first two name a machine.

export type ServerAddress =
  | { kind: 'ip'; ip: string }
  /** A unix socket: local to the LB, no machine. */
  | { kind: 'unix' }
  /** No address HAProxy can report (empty, 0.0.0.0 / :: placeholder, an error text). */
  | { kind: 'none' };

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** RFC 4291 text: hex groups of 1-4 digits, one `::` at most, an embedded IPv4 only as the last group. */
function isV6(text: string): boolean {
  if (!text.includes(':') || text.split('::').length > 2) return false;
  const groups = text.split(':');
  const last = groups[groups.length - 1]!;
  const v4 = V4.test(last);
  const hex = (v4 ? groups.slice(0, -1) : groups).filter((g) => g !== '');
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return text.includes('::') ? count < 8 : count === 8;
}

/** The IP written as lbtop compares it (IPv6 lower case, no brackets), or null when `text` is no IP. */
export function normalizeIp(text: string): string | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v4 = V4.exec(bare);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255) ? bare : null;
  return isV6(bare) ? bare.toLowerCase() : null;
}

export function serverAddress(addr: string): ServerAddress {
  if (addr === 'unix') return { kind: 'unix' };
  const v6 = /^\[([^\]]+)\]:\d+$/.exec(addr);
  const host = v6 ? v6[1]! : /^([^:]+):\d+$/.exec(addr)?.[1] ?? addr;
  const ip = normalizeIp(host);
  if (ip === null || ip === '0.0.0.0' || ip === '::') return { kind: 'none' };
  return { kind: 'ip', ip };
}

/** How a preview names a server without a machine address. */
export function whyNoAddress(addr: string, fqdn: string): string {
  if (addr === 'unix') return 'a unix socket';
  const dns = fqdn ? `DNS name ${fqdn}, not resolved` : '';
  if (addr === '') return dns || 'no address reported';
  return dns || `address ${addr}`;
}
