// An LB over ssh with no socket in lbtop.yaml: read the host's haproxy.cfg and take its `stats socket` line, the
// way an operator would look it up. An admin-level unix socket is preferred (the actions need admin), then any
// unix socket, then TCP. The file is read through the LB's own runner (src/runtime/hosts.ts): under `sudo -n`
// when the LB says `sudo: true`, as the login user otherwise; a root-only haproxy.cfg (mode 640) then needs the
// one or the other fix, and the error names both.
import { TransportError } from '../model/errors.js';
import type { StatsSocketLine } from '../model/haproxy-config.js';
import { parseHaproxyConfig } from '../sources/haproxy/config/parse.js';
import type { CommandRunner } from '../transport/exec.js';

export const DEFAULT_HAPROXY_CFG = '/etc/haproxy/haproxy.cfg';

export interface DiscoveredSocket {
  socket?: string;
  tcp?: string;
  /** Where it came from, for the screen: "/etc/haproxy/haproxy.cfg:4". */
  from: string;
}

export async function discoverStatsSocket(runner: CommandRunner, file = DEFAULT_HAPROXY_CFG): Promise<DiscoveredSocket> {
  const result = await runner.run(['cat', '--', file], { timeoutMs: 5000 });
  if (result.code !== 0) {
    // The other fix: sudo for a login that may not read the file, or the rule sudo wants for it.
    const or = /Permission denied/.test(result.stderr)
      ? ', or say `sudo: true` for this LB to read it with `sudo -n cat`'
      : /password is required|not allowed|sudoers/.test(result.stderr) ? `, or allow \`sudo -n cat -- ${file}\` without a password in sudoers` : '';
    throw new TransportError(
      `${runner.label}: cannot read ${file} to find the stats socket: ${result.stderr.trim() || `exit ${result.code}`}`,
      `give the socket in lbtop.yaml (haproxy: { socket: /run/haproxy/admin.sock })${or}`,
    );
  }
  const { line, ...endpoint } = pickStatsSocket(parseHaproxyConfig(result.stdout).global?.statsSockets ?? [], `${runner.label}: ${file}`);
  return { ...endpoint, from: `${file}:${line}` };
}

/** Pure: the stats socket lbtop should use among the config's lines. */
export function pickStatsSocket(lines: readonly StatsSocketLine[], where: string): { socket?: string; tcp?: string; line: number } {
  const usable = lines.filter((l) => l.socket !== undefined || l.tcp !== undefined);
  const rank = (l: StatsSocketLine) => (l.level === 'admin' ? 0 : 2) + (l.socket !== undefined ? 0 : 1);
  const best = [...usable].sort((a, b) => rank(a) - rank(b))[0];
  if (!best) {
    throw new TransportError(`${where}: no \`stats socket\` line in the global section`,
      'add `stats socket /run/haproxy/admin.sock mode 660 level admin` to haproxy.cfg, or give the socket in lbtop.yaml');
  }
  return best.socket !== undefined ? { socket: best.socket, line: best.line } : { tcp: best.tcp!, line: best.line };
}
