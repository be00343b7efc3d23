// /etc/ha.d/ha.cf → timers, nodes and heartbeat links. Directive per line, `#` comments (also after values, as
// in seed 001's "ucast ens10 10.143.0.5 # IP der Gegenstelle"). Directives lbtop does not use are skipped, but a
// line that is not a directive at all, or a known directive with a bad value, is a ParseError.
import { ParseError } from '../../model/errors.js';
import type { HaCf } from '../../model/failover.js';

/** heartbeat times: "2" (seconds), "2s", "500ms", "1.5". */
function millis(value: string | undefined, directive: string, line: number): number {
  const m = value === undefined ? null : /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value);
  if (!m) throw new ParseError(`${directive}: "${value ?? ''}" is not a time (seconds, or with s / ms)`, line);
  return Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : 1000));
}

function words(raw: string): string[] {
  const out: string[] = [];
  for (const word of raw.trim().split(/\s+/)) {
    if (word === '') continue;
    if (word.startsWith('#')) break;
    out.push(word);
  }
  return out;
}

const TIMERS = { keepalive: 'keepaliveMs', deadtime: 'deadtimeMs', warntime: 'warntimeMs', initdead: 'initdeadMs' } as const;

export function parseHaCf(text: string): HaCf {
  const cf: HaCf = {
    keepaliveMs: null, deadtimeMs: null, warntimeMs: null, initdeadMs: null, udpPort: null,
    autoFailback: null, nodes: [], pingNodes: [], links: [], crm: false,
  };
  for (const [i, raw] of text.split('\n').entries()) {
    const line = i + 1;
    const [directive, ...args] = words(raw);
    if (directive === undefined) continue;
    if (!/^[a-z][a-z0-9_-]*$/i.test(directive)) {
      throw new ParseError(`"${directive.slice(0, 40)}" is not an ha.cf directive`, line);
    }
    const need = (n: number): void => {
      if (args.length < n) throw new ParseError(`${directive} needs ${n} value${n > 1 ? 's' : ''}`, line);
    };
    if (directive in TIMERS) {
      cf[TIMERS[directive as keyof typeof TIMERS]] = millis(args[0], directive, line);
    } else if (directive === 'udpport') {
      need(1);
      const port = Number(args[0]);
      if (!/^\d+$/.test(args[0] as string) || port < 1 || port > 65535) {
        throw new ParseError(`udpport: "${args[0]}" is not a port`, line);
      }
      cf.udpPort = port;
    } else if (directive === 'auto_failback') {
      need(1);
      cf.autoFailback = args[0] as string;
    } else if (directive === 'node') {
      need(1);
      cf.nodes.push(...args);
    } else if (directive === 'ping') {
      need(1);
      cf.pingNodes.push(...args);
    } else if (directive === 'ping_group') {
      need(2);
      cf.pingNodes.push(...args.slice(1));
    } else if (directive === 'ucast' || directive === 'mcast') {
      // ucast IF PEER; mcast IF GROUP PORT TTL LOOP
      need(directive === 'ucast' ? 2 : 5);
      cf.links.push({ medium: directive, interface: args[0] as string, address: args[1] as string, line });
    } else if (directive === 'bcast' || directive === 'udp') {
      need(1);
      for (const ifc of args) cf.links.push({ medium: directive, interface: ifc, address: null, line });
    } else if (directive === 'serial') {
      need(1);
      for (const dev of args) cf.links.push({ medium: 'serial', interface: dev, address: null, line });
    } else if (directive === 'crm') {
      need(1);
      cf.crm = /^(yes|on|true|y|respawn)$/i.test(args[0] as string);
    }
  }
  return cf;
}
