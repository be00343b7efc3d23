// Which TCP ports a frontend listens on, from its `bind` lines, so that a trace naming a port (`HOST:PORT/PATH`)
// picks the frontends bound there and `dst_port` has a value. HAProxy's address syntax (str2sa_range):
// `ADDR:PORT`, `:PORT`, `*:PORT`, `[v6]:PORT`, `ipv4@`/`ipv6@`/`tcp@` prefixes, a port range `80-81`, and several
// addresses on one bind separated by commas. `unix@`, `abns@`, `fd@`, `sockpair@` and paths bind no port.
import type { ProxySection } from '../model/haproxy-config.js';

/** The port ranges one bind address listens on; [] for a socket without a port. */
export function bindPorts(address: string): [number, number][] {
  const out: [number, number][] = [];
  for (const one of address.split(',')) {
    const prefixed = /^([a-z0-9]+)@(.*)$/.exec(one);
    if (prefixed && !['ipv4', 'ipv6', 'tcp', 'tcp4', 'tcp6'].includes(prefixed[1]!)) continue;
    const rest = prefixed ? prefixed[2]! : one;
    if (rest.startsWith('/')) continue;
    const m = /:(\d+)(?:-(\d+))?$/.exec(rest);
    if (!m) continue;
    out.push([Number(m[1]), m[2] === undefined ? Number(m[1]) : Number(m[2])]);
  }
  return out;
}

export function bindsPort(proxy: ProxySection, port: number): boolean {
  return proxy.binds.some((b) => bindPorts(b.address).some(([low, high]) => port >= low && port <= high));
}

/** dst_port for a traced request in this frontend: the traced port, or the only port it binds. */
export function portFor(proxy: ProxySection, traced: number | undefined): number | { unknown: string } {
  if (traced !== undefined) return traced;
  const ranges = proxy.binds.flatMap((b) => bindPorts(b.address));
  const ports = new Set(ranges.map(([low, high]) => (low === high ? String(low) : `${low}-${high}`)));
  if (ports.size === 1 && ranges[0]![0] === ranges[0]![1]) return ranges[0]![0];
  return { unknown: `${proxy.name} binds ${ports.size === 0 ? 'no TCP port' : `ports ${[...ports].join(', ')}`}; trace HOST:PORT/PATH to name one` };
}
