// `routing:` of an LB (already schema-valid) → RoutingConfig with Debian's defaults. Every LB has one: without
// the key, haproxy.cfg is /etc/haproxy/haproxy.cfg and a written file is checked with `haproxy -c` (no reload), run
// with the binary of the running HAProxy unless `bin:` names one.
import type { RoutingConfig } from '../model/haproxy-host.js';

type Obj = Record<string, unknown>;

export const ROUTING_DEFAULTS: RoutingConfig = {
  config: '/etc/haproxy/haproxy.cfg',
  afterWrite: 'check',
  reloadVia: 'systemctl',
  service: 'haproxy',
};

export function toRoutingConfig(raw: Obj): RoutingConfig {
  const r = (typeof raw.routing === 'object' && raw.routing !== null ? raw.routing : {}) as Obj;
  const out: RoutingConfig = { ...ROUTING_DEFAULTS };
  if (typeof r.config === 'string') out.config = r.config;
  if (typeof r.bin === 'string') out.bin = r.bin;
  if (typeof r.service === 'string') out.service = r.service;
  if (typeof r.sudo === 'boolean') out.sudo = r.sudo;
  if (typeof r.master === 'string') {
    out.master = r.master;
    out.reloadVia = 'master';
  }
  if (r.after_write === 'none' || r.after_write === 'check' || r.after_write === 'reload') out.afterWrite = r.after_write;
  if (r.reload_via === 'master' || r.reload_via === 'systemctl') out.reloadVia = r.reload_via;
  return out;
}
