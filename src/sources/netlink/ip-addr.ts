// `ip -j addr` (iproute2 JSON) → interfaces and their addresses: the kernel's word on which VIPs a host holds,
// whatever keepalived or heartbeat believe. Works the same for `ip -j -p addr` (pretty-printed).
import { ParseError } from '../../model/errors.js';
import type { IpAddress, IpInterface } from '../../model/failover.js';
import { addressKey } from './address.js';
import { isObject, JsonFields, linesOf, parseJsonText } from './json-text.js';

const WHAT = 'ip -j addr';

function parseAddress(raw: unknown, where: string, line: number): IpAddress | null {
  if (!isObject(raw)) throw new ParseError(`${where}: an address entry is not an object`, line);
  // iproute2 prints `{}` for some entries (address lines filtered out by `ip addr show` options): skip them.
  if (Object.keys(raw).length === 0) return null;
  const f = new JsonFields(raw, where, line);
  const family = f.string('family');
  if (family !== 'inet' && family !== 'inet6') return null;
  const address = f.string('local');
  if (addressKey(address) === null) throw new ParseError(`${where}: "${address}" is not an IP address`, line);
  const prefixLength = f.number('prefixlen');
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > (family === 'inet' ? 32 : 128)) {
    throw new ParseError(`${where}: prefix length ${prefixLength} is out of range`, line);
  }
  return {
    family,
    address,
    prefixLength,
    label: f.optString('label'),
    secondary: f.flag('secondary'),
    unusable: f.flag('dadfailed') || f.flag('tentative'),
  };
}

export function parseIpAddrJson(text: string): IpInterface[] {
  const doc = parseJsonText(text, WHAT);
  if (!Array.isArray(doc)) throw new ParseError(`${WHAT}: expected a list of interfaces`, 1);
  // Line where the n-th interface object starts, so a bad field points near it even in one-line output.
  const lines = linesOf(text, '"ifindex"');
  return doc.map((raw, i): IpInterface => {
    const line = lines[i] ?? 1;
    const where = `${WHAT}: interface ${i + 1}`;
    if (!isObject(raw)) throw new ParseError(`${where} is not an object`, line);
    const f = new JsonFields(raw, where, line);
    const name = f.string('ifname');
    const flags = f.strings('flags');
    const addresses: IpAddress[] = [];
    for (const entry of f.array('addr_info')) {
      const parsed = parseAddress(entry, `${WHAT}: ${name}`, line);
      if (parsed) addresses.push(parsed);
    }
    return {
      name,
      index: f.number('ifindex'),
      operState: f.optString('operstate') ?? 'UNKNOWN',
      // Admin up and carrier present. operstate alone misleads: dummy and loopback report UNKNOWN while usable.
      up: flags.includes('UP') && flags.includes('LOWER_UP'),
      addresses,
    };
  });
}
