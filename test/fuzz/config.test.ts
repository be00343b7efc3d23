// Fuzz: lbtop.yaml (loadConfig never throws: a broken file is a list of issues) and Ansible inventories (the same:
// issues with line numbers), on mutations of the example configs and of inventories like the ones the tests use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expand, parseInventory } from '../../src/config/inventory.js';
import { loadConfig } from '../../src/config/load.js';
import { applyMutation, type Mutation } from './mutate.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');

const INI = `[loadbalancer]
lb-0 ansible_host=10.0.20.250
lb-[1:3] ansible_host=10.0.20.251 ansible_port=2222 lbtop_haproxy_socket=/run/haproxy/other.sock

[loadbalancer:vars]
ansible_user=ansible
ansible_ssh_common_args='-o ProxyJump=bastion@10.0.0.1'

[masters]
master[1:3] ansible_host=10.0.30.1 ; a comment

[k3s:children]
masters
`;
const YAML = `all:
  children:
    loadbalancer:
      vars: { ansible_user: ansible }
      hosts:
        lb-0: { ansible_host: 10.0.20.250 }
        lb-[1:2]: { ansible_host: 10.0.20.251 }
    k3s:
      children:
        masters:
          hosts:
            master1:
`;
const texts = { 'lbtop.yaml': example('lbtop.yaml'), 'failover.yaml': example('failover.yaml'), 'pair.yaml': example('pair.yaml'), 'hosts.ini': INI, 'hosts.yml': YAML };

export const TARGETS: Target[] = [
  // Shorter inputs than elsewhere: the yaml library itself (not lbtop's code) needs up to ~0.1 s for 10,000
  // characters (measured on 2 busy cores): linear, but too slow for this suite's budget at the sizes used elsewhere.
  // 5,000 here: a 10,000-character inventory took 175 ms on a busy machine and over 1 s under load 12.
  { name: 'loadConfig', fixtures: ['lbtop.yaml', 'failover.yaml', 'pair.yaml'], texts, parse: (t) => loadConfig(t), errors: [], maxLength: 5_000, runs: 1500 },
  { name: 'parseInventory', fixtures: ['hosts.ini', 'hosts.yml'], texts, parse: (t) => [parseInventory(t, 'hosts'), parseInventory(t, 'hosts.yml')], errors: [], maxLength: 5_000, runs: 1500 },
];

describe('fuzz: lbtop.yaml and inventories', () => {
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);

  it('reads a file nested deeper than the yaml library can recurse as an issue, not a RangeError', () => {
    // Found by this suite: pair.yaml with one line repeated to 40,000 characters and two more edits.
    const mutations: Mutation[] = [{ op: 'hugeLine', line: 1659888018, length: 39817 }, { op: 'bytes', at: 589770914, cut: 1, text: 'call' }, { op: 'char', at: 2147483626, char: ':' }];
    const text = mutations.reduce((t, m) => applyMutation(t, m), texts['pair.yaml']);
    expect(loadConfig(text).issues).toMatchObject([{ line: 1, message: expect.stringMatching(/^cannot read this file/) }]);
  });

  it('reads a chain of 20,000 [group:children] sections (the recursive walk overflowed the stack)', () => {
    let text = '[g0]\nhost1\n';
    for (let i = 0; i < 20_000; i++) text += `[g${i + 1}:children]\ng${i}\n`;
    expect(parseInventory(text, 'hosts').hosts[0]!.groups).toHaveLength(20_001);
  });

  it('refuses a host range with step 0 (it looped forever) or too many hosts, as an issue on its line', () => {
    expect(() => expand('lb-[0:3:0]')).toThrow(/step/);
    // Found by this suite: ranges multiply, and 3^40 names were being built before any check (840 characters, 1.6 s).
    const started = performance.now();
    expect(() => expand(`x${'[1:3]'.repeat(40)}`)).toThrow(/more than 100000 hosts/);
    expect(() => expand(`x${'[1:1]'.repeat(20_000)}`)).toThrow(/more than 64 ranges/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parseInventory('[lb]\nlb-[0:3:0]\nweb[0:99999999]\n').issues).toEqual([
      { line: 2, message: 'lb-[0:3:0]: a range step must be 1 or more' },
      { line: 3, message: 'web[0:99999999]: more than 100000 hosts' },
    ]);
  });
});
