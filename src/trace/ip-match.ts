// IPv4 matching for `-m ip` ACLs and map_ip converters, as HAProxy 2.6/3.0 do it (pattern.c pat_parse_ip,
// pat_idx_tree_ip, pat_match_ip):
// - a pattern is `a.b.c.d`, `a.b.c.d/len` or `a.b.c.d/a.b.c.d` (str2net); one with a contiguous mask goes into a
//   prefix tree, and the LONGEST matching prefix wins whatever the file order (the first loaded on a tie);
// - only when no tree entry matches are IPv6 patterns (v4-mapped) and non-contiguous masks tried, in load order;
//   lbtop does not evaluate those, so a miss with such entries present is unknown;
// - a string sample is cast to an address by HAProxy's own buf2ip (c_str2addr), not inet_pton: four decimal
//   bytes, leading zeros allowed and read as decimal ("010.1.2.3" is 10.1.2.3, checked on the binary), anything
//   after them ignored ("10.1.2.3:8080" is 10.1.2.3). A string that is not one makes the cast, and with it the
//   whole sample, fail.
// A hostname pattern is resolved by HAProxy at startup; lbtop cannot know to what, so it is unknown too.

export type Ipv4 = number;

/** inet_pton(AF_INET): exactly four decimal bytes, none with a leading zero. */
export function parseIpv4(text: string): Ipv4 | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  let out = 0;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return null;
    const byte = Number(part);
    if (byte > 255) return null;
    out = out * 256 + byte;
  }
  return out;
}

/** A string sample cast to IPv4 as buf2ip reads it; null when the cast fails. */
export function castIpv4(text: string): Ipv4 | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?![\d.])/.exec(text);
  if (!m) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.some((b) => b > 255) ? null : bytes.reduce((acc, b) => acc * 256 + b, 0);
}

/** Whether text is an IPv6 literal (which lbtop does not evaluate), loosely: hex groups and colons. */
export function looksIpv6(text: string): boolean {
  return /^[0-9A-Fa-f:.]+$/.test(text) && text.includes(':');
}

interface Net {
  addr: Ipv4;
  bits: number;
}

function parseNet(pattern: string): Net | null {
  const [address = '', mask, ...extra] = pattern.split('/');
  if (extra.length > 0) return null;
  const addr = parseIpv4(address);
  if (addr === null) return null;
  if (mask === undefined) return { addr, bits: 32 };
  if (/^\d{1,2}$/.test(mask) && Number(mask) <= 32) return { addr, bits: Number(mask) };
  const dotted = parseIpv4(mask);
  if (dotted === null) return null;
  const bits = 32 - Math.log2(2 ** 32 - dotted);
  return Number.isInteger(bits) ? { addr, bits } : null;
}

function inNet(ip: Ipv4, net: Net): boolean {
  if (net.bits === 0) return true;
  const shift = 32 - net.bits;
  return Math.floor(ip / 2 ** shift) === Math.floor(net.addr / 2 ** shift);
}

/** The entry HAProxy's ip match returns for an IPv4 sample: index, null for none, or why lbtop cannot tell. */
export function matchIp(sample: string, keys: readonly string[]): { index: number | null } | { unknown: string } {
  const ip = castIpv4(sample);
  if (ip === null) {
    return looksIpv6(sample) ? { unknown: `IPv6 sample ${JSON.stringify(sample)}: lbtop matches IPv4 only` } : { unknown: `${JSON.stringify(sample)} is not an address` };
  }
  let best: { index: number; bits: number } | null = null;
  let other: string | null = null;
  keys.forEach((key, index) => {
    const net = parseNet(key);
    if (net === null) {
      other ??= key;
      return;
    }
    if (inNet(ip, net) && (best === null || net.bits > best.bits)) best = { index, bits: net.bits };
  });
  const found = best as { index: number; bits: number } | null;
  if (found) return { index: found.index };
  if (other !== null) return { unknown: `pattern ${JSON.stringify(other)} (IPv6, a hostname or a non-contiguous mask) is not evaluated by lbtop` };
  return { index: null };
}
