// Hosts of an Ansible inventory → LBs reached over ssh, with lbtop.yaml's `defaults:` applied like to any LB.
// Ansible's connection variables map onto ssh: keys; `lbtop_haproxy_socket` (a host or group var) names the
// stats socket, else it is read from the host's haproxy.cfg. `--group` picks the groups whose hosts are LBs.
import type { LbConfig } from '../model/config.js';
import type { InventoryHost } from './inventory.js';
import { withDefaults } from './lb-defaults.js';
import { toLb } from './semantic.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function inventoryLbs(
  hosts: readonly InventoryHost[],
  groups: readonly string[],
  defaults: unknown,
): { lbs: LbConfig[]; errors: string[] } {
  const errors: string[] = [];
  const known = new Set(hosts.flatMap((h) => h.groups));
  for (const group of groups) if (!known.has(group)) errors.push(`--group ${group}: no such group in the inventory (it has: ${[...known].join(', ') || 'none'})`);
  const chosen = groups.length === 0 ? hosts : hosts.filter((h) => h.groups.some((g) => groups.includes(g)));
  const lbs: LbConfig[] = [];
  for (const host of chosen) {
    if (!NAME.test(host.name)) {
      errors.push(`inventory host "${host.name}": not usable as an LB name (letters, digits, '.', '_', '-')`);
      continue;
    }
    const v = host.vars;
    const portText = v.ansible_port ?? v.ansible_ssh_port;
    const port = portText === undefined ? undefined : Number(portText);
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      errors.push(`inventory host "${host.name}": ansible_port ${portText} is not a port`);
      continue;
    }
    const ssh = clean({
      host: v.ansible_host ?? v.ansible_ssh_host ?? host.name,
      user: v.ansible_user ?? v.ansible_ssh_user,
      port,
      identity: v.ansible_ssh_private_key_file ?? v.ansible_private_key_file,
      jump: jumpOf(`${v.ansible_ssh_common_args ?? ''} ${v.ansible_ssh_extra_args ?? ''}`),
    });
    const socket = v.lbtop_haproxy_socket;
    const raw = { ssh, ...(socket ? { haproxy: { socket } } : {}) };
    const lb = toLb(host.name, withDefaults(raw, defaults));
    lb.groups = host.groups;
    lbs.push(lb);
  }
  return { lbs, errors };
}

/** ProxyJump from Ansible's ssh args: `-J bastion`, `-o ProxyJump=bastion`, `-oProxyJump bastion`. */
export function jumpOf(args: string): string | undefined {
  const m = /(?:^|\s)-J\s*(\S+)/.exec(args) ?? /-o\s*["']?ProxyJump[=\s]+([^\s"']+)/i.exec(args);
  return m?.[1];
}

function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
