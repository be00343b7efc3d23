// The per-line keywords lbtop models besides ACLs and rules: `stats socket`, `bind`, `server`, `default-server`.
// Servers are modelled for runtime-vs-disk drift: `disabled` in the file against MAINT at runtime, `weight`.
import { ParseError } from '../../../model/errors.js';
import type { BindLine, DefaultServerLine, ServerLine, StatsSocketLine } from '../../../model/haproxy-config.js';

export function parseStatsSocket(words: string[], line: number): StatsSocketLine {
  const [address, ...options] = words;
  if (!address) throw new ParseError('"stats socket" needs an address', line);
  const at = options.indexOf('level');
  let level: StatsSocketLine['level'] = null;
  if (at >= 0) {
    const value = options[at + 1];
    if (value !== 'user' && value !== 'operator' && value !== 'admin') {
      throw new ParseError(`"stats socket ... level" expects user, operator or admin, got "${value ?? ''}"`, line);
    }
    level = value;
  }
  const out: StatsSocketLine = { line, address, level, options };
  // HAProxy's address syntax (str2sa_range): a path or `unix@path` is a unix socket, `ipv4@`/`ipv6@`/host:port TCP.
  const prefixed = /^(unix|abns|ipv4|ipv6|fd|sockpair)@(.*)$/.exec(address);
  if (prefixed) {
    if (prefixed[1] === 'unix') out.socket = prefixed[2]!;
    else if (prefixed[1] === 'ipv4' || prefixed[1] === 'ipv6') out.tcp = prefixed[2]!;
  } else if (address.startsWith('/') || !address.includes(':')) out.socket = address;
  else out.tcp = address;
  return out;
}

export function parseBind(words: string[], line: number): BindLine {
  const [address, ...options] = words;
  if (!address) throw new ParseError('"bind" needs an address', line);
  return { line, address, ssl: options.includes('ssl'), options };
}

function weightOf(options: string[], line: number): number | null {
  const at = options.lastIndexOf('weight');
  if (at < 0) return null;
  const text = options[at + 1] ?? '';
  if (!/^\d+$/.test(text) || Number(text) > 256) throw new ParseError(`server weight must be 0..256, got "${text}"`, line);
  return Number(text);
}

export function parseServer(words: string[], line: number): ServerLine {
  const [name, address, ...options] = words;
  if (!name) throw new ParseError('"server" needs a name and an address', line);
  if (!address) throw new ParseError(`server "${name}" has no address`, line);
  return {
    line,
    name,
    address,
    // `enabled` after `disabled` (or from default-server) turns it back on: the last one wins, as in HAProxy.
    disabled: options.lastIndexOf('disabled') > options.lastIndexOf('enabled'),
    backup: options.includes('backup'),
    check: options.includes('check'),
    weight: weightOf(options, line),
    options,
  };
}

export function parseDefaultServer(options: string[], line: number): DefaultServerLine {
  return { line, disabled: options.lastIndexOf('disabled') > options.lastIndexOf('enabled'), weight: weightOf(options, line), options };
}
