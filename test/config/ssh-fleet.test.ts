// Fleet config over ssh: defaults for many hosts, an LB with no socket (read from haproxy.cfg), Ansible
// inventories in both formats (seed 002's `[loadbalancer]` group with ansible_host), and --inventory/--group.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { loadConfig } from '../../src/config/load.js';
import { expand, parseInventory } from '../../src/config/inventory.js';
import { jumpOf } from '../../src/config/inventory-lbs.js';
import { pickStatsSocket } from '../../src/runtime/discover-socket.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';

const FLEET = `defaults:
  ssh: { user: ops, jump: bastion, identity: ~/.ssh/lb }
  haproxy: { socket: /run/haproxy/admin.sock, timeout: 3000 }
lbs:
  lb-0: { ssh: 10.0.0.250 }
  lb-1: { ssh: { host: 10.0.0.251, user: root } }
  lb-2: { ssh: lb2-alias, haproxy: { tcp: 127.0.0.1:9999 } }
  local: { haproxy: { socket: /run/local.sock } }
`;

describe('lbtop.yaml defaults and ssh LBs', () => {
  it('fills every ssh LB from defaults, key by key, and leaves a local LB local', () => {
    const { config, issues } = loadConfig(FLEET);
    expect(issues).toEqual([]);
    expect(config!.lbs.map((lb) => ({ name: lb.name, ssh: lb.ssh, haproxy: lb.haproxy }))).toEqual([
      { name: 'lb-0', ssh: { host: '10.0.0.250', user: 'ops', jump: 'bastion', identity: '~/.ssh/lb' }, haproxy: { socket: '/run/haproxy/admin.sock', timeoutMs: 3000 } },
      { name: 'lb-1', ssh: { host: '10.0.0.251', user: 'root', jump: 'bastion', identity: '~/.ssh/lb' }, haproxy: { socket: '/run/haproxy/admin.sock', timeoutMs: 3000 } },
      // Its own tcp replaces the default socket: never both.
      { name: 'lb-2', ssh: { host: 'lb2-alias', user: 'ops', jump: 'bastion', identity: '~/.ssh/lb' }, haproxy: { tcp: '127.0.0.1:9999', timeoutMs: 3000 } },
      { name: 'local', ssh: undefined, haproxy: { socket: '/run/local.sock', timeoutMs: 3000 } },
    ]);
  });

  it('an ssh LB may leave the socket out (discovery); a local one may not', () => {
    const ok = loadConfig('lbs:\n  lb1: { ssh: lb1 }\n  lb2: { ssh: lb2, haproxy: { timeout: 900 } }\n');
    expect(ok.issues).toEqual([]);
    expect(ok.config!.lbs.map((lb) => lb.haproxy)).toEqual([{ timeoutMs: 5000 }, { timeoutMs: 900 }]);
    const bad = loadConfig('lbs:\n  lb1: { haproxy: { timeout: 900 } }\n  lb2: { sudo: true }\n');
    expect(bad.config).toBeUndefined();
    expect(bad.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual([
      '2:10 lbs.lb1.haproxy: must have exactly one of socket or tcp',
      '3:3 lbs.lb2: missing required key "haproxy"',
    ]);
  });

  it('refuses unknown keys in defaults and an empty defaults map', () => {
    const { issues } = loadConfig('defaults:\n  ssh: { host: x }\nlbs:\n  a: { ssh: a }\n');
    expect(issues.map((i) => i.message)).toEqual(['unknown key "host" (did you mean "port"?)']);
    expect(loadConfig('defaults: {}\n').issues.map((i) => i.message)).toEqual(['must set ssh, haproxy or sudo']);
  });
});

// The inventory the Terraform template of seed 002 writes (`lb-N ansible_host=IP` under [loadbalancer]), plus
// group vars and a parent group.
const INI = `# written by terraform
[loadbalancer]
lb-0 ansible_host=10.0.20.250
lb-1 ansible_host=10.0.20.251 ansible_port=2222 lbtop_haproxy_socket=/run/haproxy/other.sock

[loadbalancer:vars]
ansible_user=ansible
ansible_ssh_common_args='-o ProxyJump=ops@bastion'

[masters]
master[1:3] ansible_host=10.0.30.1

[k3s:children]
masters
`;

const YAML = `all:
  children:
    loadbalancer:
      vars: { ansible_user: ansible }
      hosts:
        lb-0: { ansible_host: 10.0.20.250 }
        lb-1: { ansible_host: 10.0.20.251, ansible_ssh_private_key_file: /keys/lb }
    k3s:
      children:
        masters:
          hosts:
            master1:
`;

describe('Ansible inventories', () => {
  it('INI: hosts, host and group vars, ranges and parent groups', () => {
    const inv = parseInventory(INI, 'hosts');
    expect(inv.issues).toEqual([]);
    expect(inv.hosts.map((h) => [h.name, h.groups.join(','), h.vars.ansible_host, h.vars.ansible_user ?? '-'])).toEqual([
      ['lb-0', 'loadbalancer', '10.0.20.250', 'ansible'],
      ['lb-1', 'loadbalancer', '10.0.20.251', 'ansible'],
      ['master1', 'k3s,masters', '10.0.30.1', '-'],
      ['master2', 'k3s,masters', '10.0.30.1', '-'],
      ['master3', 'k3s,masters', '10.0.30.1', '-'],
    ]);
    expect(inv.hosts[1]!.vars).toMatchObject({ ansible_port: '2222', lbtop_haproxy_socket: '/run/haproxy/other.sock' });
  });

  it('YAML: the same shape through children', () => {
    const inv = parseInventory(YAML, 'hosts.yml');
    expect(inv.issues).toEqual([]);
    expect(inv.hosts.map((h) => `${h.name} ${h.groups.join(',')} ${h.vars.ansible_user ?? '-'}`)).toEqual([
      'lb-0 loadbalancer ansible',
      'lb-1 loadbalancer ansible',
      'master1 k3s,masters -',
    ]);
  });

  it('reports a malformed line with its number', () => {
    expect(parseInventory('[lb]\nlb-0 ansible_host\n[lb:vars]\njunk\n').issues).toEqual([
      { line: 2, message: 'expected key=value after the host name: ansible_host' },
      { line: 4, message: 'expected key=value in [lb:vars]: junk' },
    ]);
  });

  it('expands ranges and reads ProxyJump from ssh args', () => {
    expect(expand('web[08:10].x')).toEqual(['web08.x', 'web09.x', 'web10.x']);
    expect(expand('n[a:c]')).toEqual(['na', 'nb', 'nc']);
    expect(jumpOf("-o ProxyJump=ops@bastion")).toBe('ops@bastion');
    expect(jumpOf('-J jump1,jump2 -o Foo=bar')).toBe('jump1,jump2');
    expect(jumpOf('-o StrictHostKeyChecking=no')).toBeUndefined();
  });
});

describe('--inventory FILE --group NAME', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-inv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = { env: {}, home: dir, cwd: dir };
  writeFileSync(path.join(dir, 'hosts'), INI);
  writeFileSync(path.join(dir, 'lbtop.yaml'), 'defaults:\n  ssh: { identity: /keys/ops }\nlbs:\n  lb-0: { ssh: lb0-alias }\n');

  it('makes the group\'s hosts ssh LBs with defaults applied; a file LB of the same name keeps its settings', async () => {
    const out = await parseArgs(['-c', 'lbtop.yaml', '--inventory', 'hosts', '--group', 'loadbalancer', 'status'], ctx);
    if (out.type !== 'run') throw new Error(out.stderr);
    expect(out.config.lbs.map((lb) => ({ name: lb.name, ssh: lb.ssh, socket: lb.haproxy.socket, groups: lb.groups }))).toEqual([
      { name: 'lb-0', ssh: { host: 'lb0-alias', identity: '/keys/ops' }, socket: undefined, groups: ['loadbalancer'] },
      {
        name: 'lb-1',
        ssh: { host: '10.0.20.251', user: 'ansible', port: 2222, identity: '/keys/ops', jump: 'ops@bastion' },
        socket: '/run/haproxy/other.sock',
        groups: ['loadbalancer'],
      },
    ]);
  });

  it('all hosts without --group; an unknown group or a missing file is an error', async () => {
    const all = await parseArgs(['--inventory', 'hosts', 'status'], ctx);
    expect(all.type === 'run' && all.config.lbs.map((lb) => lb.name)).toEqual(['lb-0', 'lb-1', 'master1', 'master2', 'master3']);
    const bad = await parseArgs(['--inventory', 'hosts', '--group', 'lbs', 'status'], ctx);
    expect(bad).toMatchObject({ type: 'exit', code: 2 });
    expect(bad.type === 'exit' && bad.stderr).toMatch(/--group lbs: no such group in the inventory \(it has: loadbalancer, k3s, masters\)/);
    const none = await parseArgs(['--inventory', 'nope.ini', 'status'], ctx);
    expect(none.type === 'exit' && none.stderr).toMatch(/--inventory nope.ini: no such file/);
  });
});

describe('stats socket discovery from haproxy.cfg', () => {
  it('prefers an admin unix socket, then any unix socket, then tcp', () => {
    const cfg = (lines: string) => parseHaproxyConfig(`global\n${lines}\n`).global!.statsSockets;
    expect(pickStatsSocket(cfg('  stats socket ipv4@127.0.0.1:9999 level admin\n  stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners'), 'x'))
      .toEqual({ socket: '/run/haproxy/admin.sock', line: 3 });
    expect(pickStatsSocket(cfg('  stats socket /run/ro.sock level user\n  stats socket 127.0.0.1:9999 level admin'), 'x')).toEqual({ tcp: '127.0.0.1:9999', line: 3 });
    expect(() => pickStatsSocket(cfg('  maxconn 10'), 'ssh lb1: /etc/haproxy/haproxy.cfg')).toThrow(/no `stats socket` line in the global section/);
  });
});
