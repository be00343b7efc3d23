// Longest-prefix match of server addresses against the prefixes BGP peers announce (the NODES view): IPv4 and
// IPv6 as bigints, so one comparison covers both. An IPv4 address never falls inside an IPv6 prefix or the other
// way round (an IPv4-mapped ::ffff:a.b.c.d is not what Calico announces).
import { addressKey, isIpv4, splitCidr } from '../sources/netlink/address.js';

export interface Prefix {
  /** As BIRD printed it ("172.16.171.64/26"). */
  text: string;
  v6: boolean;
  length: number;
  /** The network's first address, masked to `length` bits. */
  network: bigint;
}

function bits(address: string): { v6: boolean; value: bigint } | null {
  if (isIpv4(address)) return { v6: false, value: address.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n) };
  const key = addressKey(address);
  return key === null ? null : { v6: true, value: BigInt(`0x${key.replaceAll(':', '')}`) };
}

const mask = (v6: boolean, length: number) => {
  const width = v6 ? 128n : 32n;
  return ((1n << width) - 1n) ^ ((1n << (width - BigInt(length))) - 1n);
};

/** "10.0.0.0/8", "fd00::/64" → a Prefix; null for anything else (a host route without length counts as /32, /128). */
export function parsePrefix(text: string): Prefix | null {
  const cidr = splitCidr(text);
  const b = cidr ? bits(cidr.address) : null;
  if (!cidr || !b) return null;
  const length = cidr.prefixLength ?? (b.v6 ? 128 : 32);
  return { text, v6: b.v6, length, network: b.value & mask(b.v6, length) };
}

export function prefixContains(prefix: Prefix, address: string): boolean {
  const b = bits(address);
  return b !== null && b.v6 === prefix.v6 && (b.value & mask(b.v6, prefix.length)) === prefix.network;
}

/** The items whose prefix contains `address` with the longest length (several when peers announce the same one). */
export function longestMatches<T>(items: readonly T[], prefixOf: (item: T) => Prefix, address: string): T[] {
  let best: T[] = [];
  let length = -1;
  for (const item of items) {
    const p = prefixOf(item);
    if (p.length < length || !prefixContains(p, address)) continue;
    if (p.length > length) {
      best = [];
      length = p.length;
    }
    best.push(item);
  }
  return best;
}
