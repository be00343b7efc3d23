// One VIP as keepalived writes it, in keepalived.conf (`10.99.0.17/24 dev eth0 label eth0:ing`) and in its dumps
// (`10.99.0.17/24 dev eth0 scope global label eth0:ing set`). Shared by the conf, data and JSON parsers.
import type { VirtualIp } from '../../model/failover.js';
import { splitCidr } from '../netlink/address.js';

/** Options that take a value; anything else after the address is a bare flag (set, no_track, -nodad...). */
const WITH_VALUE = new Set(['dev', 'scope', 'label', 'brd', 'broadcast', 'peer', 'preferred_lft', 'track_group']);

/** null if the first word is not an address or an option lacks its value; the caller owns the line number. */
export function parseVirtualIp(words: readonly string[]): VirtualIp | null {
  const [first, ...rest] = words;
  const cidr = first === undefined ? null : splitCidr(first);
  if (!cidr) return null;
  const vip: VirtualIp = { ...cidr, device: null, label: null, set: null };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (WITH_VALUE.has(word)) {
      const value = rest[i + 1];
      if (value === undefined) return null;
      if (word === 'dev') vip.device = value;
      if (word === 'label') vip.label = value;
      i++;
    } else if (word === 'set') {
      vip.set = true;
    }
  }
  return vip;
}

/** The dumps only print "set" for configured VIPs, so there a missing "set" means not configured. */
export function parseDumpedVirtualIp(text: string): VirtualIp | null {
  const vip = parseVirtualIp(text.trim().split(/\s+/));
  return vip ? { ...vip, set: vip.set ?? false } : null;
}
