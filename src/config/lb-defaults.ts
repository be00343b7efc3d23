// `defaults:` of lbtop.yaml (and of an --inventory import): the keys many LBs share. An LB's own keys win key by
// key, so `defaults: { ssh: { user: ops, jump: bastion } }` plus `lb-0: { ssh: 10.0.0.250 }` is
// `ssh: { host: 10.0.0.250, user: ops, jump: bastion }`. Applied to the raw (schema-valid) data before the typed
// config is built, so every later check sees the LB as it will run.
import { HOST_KEYS } from './haproxy-host.js';
import { routingSudo } from './sudo.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The LB's raw map with the defaults filled in; the input is not changed. */
export function withDefaults(lb: unknown, defaults: unknown): Obj {
  const own = isObj(lb) ? lb : {};
  if (!isObj(defaults)) return own;
  const out: Obj = { ...own };
  if (isObj(defaults.haproxy)) {
    const mine = isObj(own.haproxy) ? own.haproxy : {};
    // A socket or tcp of the LB's own replaces the default endpoint whole: never both at once.
    const endpoint = 'socket' in mine || 'tcp' in mine ? {} : pick(defaults.haproxy, ['socket', 'tcp']);
    // The host keys (config, master, …) complete the LB's own unless it still writes them under `routing:`
    // (haproxy-host.ts), which is as much its own as `haproxy:` and would otherwise be ignored.
    const host = isObj(own.routing) ? [] : HOST_KEYS;
    out.haproxy = { ...endpoint, ...pick(defaults.haproxy, ['timeout', ...host]), ...mine };
  }
  // Default ssh keys only complete an LB that is reached over ssh; an LB without ssh: stays local.
  if (isObj(defaults.ssh) && own.ssh !== undefined) {
    const mine = typeof own.ssh === 'string' ? { host: own.ssh } : isObj(own.ssh) ? own.ssh : {};
    out.ssh = { ...defaults.ssh, ...mine };
  }
  // The LB's own (deprecated) `routing.sudo` is more its own than the fleet's default (sudo.ts).
  if (typeof defaults.sudo === 'boolean' && own.sudo === undefined && routingSudo(own) === undefined) out.sudo = defaults.sudo;
  return out;
}

/**
 * Why this LB (defaults applied) cannot be reached, with the key to point at, or null. Over ssh, no endpoint
 * means "read it from the host's haproxy.cfg", so only a local LB needs one.
 */
export function endpointProblem(lb: Obj): { at: 'lb' | 'haproxy'; message: string } | null {
  if (lb.ssh !== undefined) return null;
  if (!isObj(lb.haproxy)) return { at: 'lb', message: 'missing required key "haproxy"' };
  if (lb.haproxy.socket !== undefined || lb.haproxy.tcp !== undefined) return null;
  return { at: 'haproxy', message: 'must have exactly one of socket or tcp' };
}

function pick(o: Obj, keys: string[]): Obj {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
