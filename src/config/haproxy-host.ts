// `haproxy:` of an LB (already schema-valid): besides the runtime API's socket/tcp/timeout, HAProxy on the host
// (config, bin, master, service, after_write, reload_via) → HaproxyHostConfig with Debian's defaults. Without
// those keys, haproxy.cfg is /etc/haproxy/haproxy.cfg and a written file is checked with `haproxy -c` (no reload),
// run with the binary of the running HAProxy unless `bin:` names one.
// `routing:` is the older name of these keys: still read, with a warning (checkSemantics); when `haproxy:` sets
// any of them, `haproxy:` wins and `routing:` is ignored whole (its `sudo` is sudo.ts's matter).
import type { HaproxyHostConfig } from '../model/haproxy-host.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const HAPROXY_HOST_DEFAULTS: HaproxyHostConfig = {
  config: '/etc/haproxy/haproxy.cfg',
  afterWrite: 'check',
  reloadVia: 'systemctl',
  service: 'haproxy',
};

/** The keys of `haproxy:` (and of the deprecated `routing:`) that say where HAProxy is on the host. */
export const HOST_KEYS = ['config', 'bin', 'master', 'service', 'after_write', 'reload_via'] as const;

const hasHostKeys = (o: unknown): o is Obj => isObj(o) && HOST_KEYS.some((k) => o[k] !== undefined);

/** Where the LB's host keys come from: `haproxy:` when it sets any, else the deprecated `routing:`, else none. */
export function hostKeysSource(raw: Obj): 'haproxy' | 'routing' | null {
  if (hasHostKeys(raw.haproxy)) return 'haproxy';
  return isObj(raw.routing) ? 'routing' : null;
}

/** The typed host config when `haproxy:` or `routing:` says anything about the host, else undefined (defaults). */
export function toHaproxyHostConfig(raw: Obj): HaproxyHostConfig | undefined {
  const source = hostKeysSource(raw);
  if (source === null) return undefined;
  const r = raw[source] as Obj;
  const out: HaproxyHostConfig = { ...HAPROXY_HOST_DEFAULTS };
  if (typeof r.config === 'string') out.config = r.config;
  if (typeof r.bin === 'string') out.bin = r.bin;
  if (typeof r.service === 'string') out.service = r.service;
  if (isObj(raw.routing) && typeof raw.routing.sudo === 'boolean') out.sudo = raw.routing.sudo;
  if (typeof r.master === 'string') {
    out.master = r.master;
    out.reloadVia = 'master';
  }
  if (r.after_write === 'none' || r.after_write === 'check' || r.after_write === 'reload') out.afterWrite = r.after_write;
  if (r.reload_via === 'master' || r.reload_via === 'systemctl') out.reloadVia = r.reload_via;
  return out;
}

/**
 * The warning for an LB that still writes `routing:` with host keys (its own raw map, before defaults), or null.
 * A `routing:` holding only `sudo` has its own warning (sudo.ts).
 */
export function routingAliasWarning(own: unknown): string | null {
  if (!isObj(own) || !hasHostKeys(own.routing)) return null;
  if (hasHostKeys(own.haproxy)) {
    return 'routing: is deprecated and ignored here: the LB\'s haproxy: sets where HAProxy is on the host (move every key of routing: there)';
  }
  const keys = HOST_KEYS.filter((k) => (own.routing as Obj)[k] !== undefined).join(', ');
  return `routing: is deprecated: write ${keys} under haproxy: (haproxy: { config, bin, master, service, after_write, reload_via })`;
}
