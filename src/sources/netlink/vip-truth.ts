// The VIP truth check: which hosts really hold each VIP, from every host's `ip -j addr`. keepalived's or heartbeat's
// own view can be wrong exactly when it matters (a daemon killed with -9 leaves its VIPs behind while the peer
// takes over: both answer ARP for the same address), so the failover view trusts the kernels, not the daemons.
import type { IpInterface, VipHolder, VipVerdict } from '../../model/failover.js';
import { addressKey, splitCidr } from './address.js';

export interface VipSpec {
  /** "10.99.0.200" or "10.99.0.200/24" (the prefix is ignored: holding the address is what counts). */
  vip: string;
  /** The host that should hold it (the configured MASTER, the haresources node); omit to only count holders. */
  expectedOwner?: string | null;
}

/** Per host: its interfaces, or null when they could not be read (unreachable, parse error). */
export type HostAddresses = Readonly<Record<string, readonly IpInterface[] | null>>;

function holdersOf(key: string, hosts: HostAddresses): { holders: VipHolder[]; unknownHosts: string[] } {
  const holders: VipHolder[] = [];
  const unknownHosts: string[] = [];
  for (const [host, interfaces] of Object.entries(hosts)) {
    if (interfaces === null) {
      unknownHosts.push(host);
      continue;
    }
    for (const ifc of interfaces) {
      if (ifc.addresses.some((a) => !a.unusable && addressKey(a.address) === key)) {
        holders.push({ host, interface: ifc.name, interfaceUp: ifc.up });
      }
    }
  }
  return { holders, unknownHosts };
}

function describe(holders: VipHolder[]): string {
  return holders.map((h) => `${h.host} (${h.interface}${h.interfaceUp ? '' : ', down'})`).join(' and ');
}

export function checkVip(spec: VipSpec | string, hosts: HostAddresses): VipVerdict {
  const { vip, expectedOwner = null } = typeof spec === 'string' ? { vip: spec } : spec;
  const base = { vip, expectedOwner, holders: [] as VipHolder[], unknownHosts: [] as string[] };
  const parsed = splitCidr(vip);
  const key = parsed ? addressKey(parsed.address) : null;
  if (!parsed || key === null) {
    return { ...base, kind: 'unknown', alarm: false, message: `"${vip}" is not an IP address` };
  }
  const { holders, unknownHosts } = holdersOf(key, hosts);
  const owners = [...new Set(holders.map((h) => h.host))];
  const unread = unknownHosts.length > 0 ? `; not read: ${unknownHosts.join(', ')}` : '';
  const found = { ...base, vip: parsed.address, holders, unknownHosts };

  if (owners.length >= 2) {
    return {
      ...found,
      kind: 'split-brain',
      alarm: true,
      message: `${parsed.address} is on ${describe(holders)}: split brain, or a stale VIP left by a killed daemon${unread}`,
    };
  }
  if (owners.length === 1) {
    const owner = owners[0] as string;
    // Held, but if no holding interface is up the address answers nothing: as bad as missing.
    const down = holders.every((h) => !h.interfaceUp);
    const elsewhere = expectedOwner !== null && owner !== expectedOwner;
    const where = `${parsed.address} is on ${describe(holders)}`;
    return {
      ...found,
      kind: elsewhere ? 'held-elsewhere' : 'held',
      alarm: down,
      message:
        (elsewhere ? `${where}, expected on ${expectedOwner} (failed over?)` : where) +
        (down ? ': the interface is down' : '') +
        (unknownHosts.length > 0 ? `${unread} (a second holder would not show)` : ''),
    };
  }
  if (unknownHosts.length > 0) {
    return { ...found, kind: 'unknown', alarm: false, message: `${parsed.address} is on no host that answered${unread}` };
  }
  return { ...found, kind: 'missing', alarm: true, message: `${parsed.address} is on no host: nobody serves it` };
}

/** One verdict per VIP, in the order given. */
export function checkVips(specs: readonly (VipSpec | string)[], hosts: HostAddresses): VipVerdict[] {
  return specs.map((spec) => checkVip(spec, hosts));
}
