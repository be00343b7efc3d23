// IP address text helpers shared by the failover parsers. Pure string work: node:net's isIP would do, but sources
// do not import networking modules (only src/transport does), and comparing VIPs needs a canonical form anyway.

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(text: string): boolean {
  return V4.test(text);
}

/** Eight 16-bit groups, or null. Accepts "::" compression, an embedded IPv4 tail and a "%zone" suffix. */
function ipv6Groups(text: string): number[] | null {
  const bare = text.split('%')[0] ?? '';
  if (!/^[0-9a-fA-F:.]+$/.test(bare) || !bare.includes(':')) return null;
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const words = part.split(':');
    for (const [i, word] of words.entries()) {
      if (i === words.length - 1 && word.includes('.')) {
        if (!isIpv4(word)) return null;
        const [a, b, c, d] = word.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(word)) {
        out.push(parseInt(word, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - tail.length;
  return fill >= 1 ? [...head, ...new Array<number>(fill).fill(0), ...tail] : null;
}

export function isIpv6(text: string): boolean {
  return ipv6Groups(text) !== null;
}

/**
 * One spelling per address, so "fe80::1", "FE80:0::1" and "fe80:0:0:0:0:0:0:1" compare equal. IPv4 is returned as
 * is; IPv6 as eight zero-padded lower-case groups (a comparison key, not for display). null if not an address.
 */
export function addressKey(text: string): string | null {
  if (isIpv4(text)) return text;
  const groups = ipv6Groups(text);
  return groups ? groups.map((g) => g.toString(16).padStart(4, '0')).join(':') : null;
}

/** "10.0.0.1/24" → { address, prefixLength: 24 }; "10.0.0.1" → prefixLength null. null if malformed. */
export function splitCidr(text: string): { address: string; prefixLength: number | null } | null {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined || addressKey(address) === null) return null;
  if (prefix === undefined) return { address, prefixLength: null };
  if (!/^\d{1,3}$/.test(prefix)) return null;
  const prefixLength = Number(prefix);
  return prefixLength <= (isIpv4(address) ? 32 : 128) ? { address, prefixLength } : null;
}
