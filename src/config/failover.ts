// `keepalived:`, `heartbeat:`, `bird:` and `sudo:` of an LB (already schema-valid) → the typed FailoverStack with
// the Debian defaults filled in. `keepalived: true` means "keepalived is there, at the usual paths".
import type { BirdHostTarget, FailoverStack, HeartbeatTarget, KeepalivedTarget } from '../model/failover-config.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const argv = (v: unknown): string[] | null => (Array.isArray(v) ? (v as string[]) : null);

export const FAILOVER_DEFAULTS = {
  keepalivedConf: '/etc/keepalived/keepalived.conf',
  keepalivedPidFile: '/run/keepalived.pid',
  keepalivedDumpDir: '/tmp',
  haD: '/etc/ha.d',
  heartbeatTools: '/usr/share/heartbeat',
  birdSocket: '/run/bird/bird.ctl',
  birdClient: 'birdc',
} as const;

/** Undefined when the LB declares none of the three: HAProxy only. */
export function toFailoverStack(lbName: string, raw: Obj): FailoverStack | undefined {
  const stack: FailoverStack = { sudo: raw.sudo === true };
  if (raw.keepalived !== undefined && raw.keepalived !== false) {
    const k = obj(raw.keepalived);
    const target: KeepalivedTarget = {
      conf: str(k.conf, FAILOVER_DEFAULTS.keepalivedConf),
      pidFile: str(k.pid_file, FAILOVER_DEFAULTS.keepalivedPidFile),
      dumpDir: str(k.dump_dir, FAILOVER_DEFAULTS.keepalivedDumpDir),
      reload: argv(k.reload),
      stop: argv(k.stop),
      start: argv(k.start),
    };
    stack.keepalived = target;
  }
  if (raw.heartbeat !== undefined && raw.heartbeat !== false) {
    const h = obj(raw.heartbeat);
    const target: HeartbeatTarget = {
      haD: str(h.ha_d, FAILOVER_DEFAULTS.haD),
      node: str(h.node, lbName),
      toolsDir: str(h.tools_dir, FAILOVER_DEFAULTS.heartbeatTools),
    };
    stack.heartbeat = target;
  }
  if (raw.bird !== undefined && raw.bird !== false) {
    const b = obj(raw.bird);
    const target: BirdHostTarget = { socket: str(b.socket, FAILOVER_DEFAULTS.birdSocket), client: str(b.client, FAILOVER_DEFAULTS.birdClient) };
    if (typeof b.nodes === 'object' && b.nodes !== null) target.nodes = { ...(b.nodes as Record<string, string>) };
    stack.bird = target;
  }
  return stack.keepalived || stack.heartbeat || stack.bird ? stack : undefined;
}
