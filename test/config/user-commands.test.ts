// lbtop.yaml `commands:`: the typed commands with their defaults, and every mistake the operator could make
// refused at load with the line and a plain reason (a key lbtop already uses there, a variable the scope cannot
// give, a shell string without shell: true).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const LBS = 'lbs:\n  lb1: { haproxy: { socket: /run/haproxy.sock } }\n';
const errorsOf = (commands: string) => loadConfig(`${LBS}commands:\n${commands}`).issues.map((i) => `${i.line} ${i.path}: ${i.message}`);

describe('commands: in lbtop.yaml', () => {
  it('types each command with safe defaults (confirm, dangerous, local, 30 s)', () => {
    const { config, issues } = loadConfig(`${LBS}commands:
  - name: cordon
    key: C
    scope: node
    description: Cordon the node in Kubernetes
    command: [kubectl, cordon, $NODE]
    on: { node-drain: before }
  - { name: logs, key: L, scope: server, command: "journalctl -u \\"$SERVER\\" | tail", shell: true, where: lb, confirm: false, dangerous: false, timeout: 5 }
`);
    expect(issues).toEqual([]);
    expect(config!.commands).toEqual([
      { name: 'cordon', key: 'C', scope: 'node', description: 'Cordon the node in Kubernetes', command: ['kubectl', 'cordon', '$NODE'], shell: false, where: 'local', confirm: true, dangerous: true, timeoutMs: 30_000, nodeDrain: 'before' },
      { name: 'logs', key: 'L', scope: 'server', description: '', command: ['journalctl -u "$SERVER" | tail'], shell: true, where: 'lb', confirm: false, dangerous: false, timeoutMs: 5000 },
    ]);
  });

  it("refuses a key lbtop already answers to in that scope, naming the built-in", () => {
    expect(errorsOf('  - { name: x, key: d, scope: server, command: [echo] }\n')).toEqual([
      '4 commands[0].key: "d" is already lbtop\'s key there: Drain the selected server (no new sessions) (server.drain); pick another key for "x"',
    ]);
    // A global key fires in every view; the view keys of issue 16 are global.
    expect(errorsOf('  - { name: x, key: s, scope: lb, command: [echo] }\n')[0]).toMatch(/"s" is already lbtop's key there: SESSIONS view.*\(view\.sessions\)/);
    // `x` is free on the fleet table but is the BGP toggle in the VIPS/BGP scope.
    expect(errorsOf('  - { name: a, key: x, scope: server, command: [echo] }\n')).toEqual([]);
    expect(errorsOf('  - { name: a, key: x, scope: vip, command: [echo, $VIP] }\n')[0]).toMatch(/"x" is already lbtop's key there: Disable \/ enable the selected BIRD protocol/);
  });

  it('refuses two commands on one key where both would fire, and a name given twice', () => {
    expect(errorsOf('  - { name: a, key: C, scope: server, command: [echo] }\n  - { name: b, key: C, scope: lb, command: [echo] }\n  - { name: a, key: Y, scope: vip, command: [echo] }\n')).toEqual([
      '5 commands[1].key: "C" is already the key of command "a" there',
      '6 commands[2].name: command "a" is defined twice',
    ]);
  });

  it('refuses unknown variables and variables the scope cannot give', () => {
    expect(errorsOf('  - { name: a, key: C, scope: lb, command: [echo, "$SERVER", "--n=${NODENAME}"] }\n')).toEqual([
      '4 commands[0].command: $SERVER is not known in scope lb: it gives $LB, $CLUSTER',
      '4 commands[0].command: unknown variable $NODENAME: lbtop gives $NODE, $ADDRESS, $BACKEND, $SERVER, $LB, $CLUSTER, $VIP (write $$ for a literal $)',
    ]);
    // A shell text has its own variables ($HOME); only lbtop's are checked against the scope.
    expect(errorsOf('  - { name: a, key: C, scope: lb, command: "echo $HOME $LB $VIP", shell: true }\n')).toEqual([
      '4 commands[0].command: $VIP is not known in scope lb: it gives $LB, $CLUSTER',
    ]);
  });

  it('a string is a shell text only when shell: true is asked; a hook needs scope node; no key needs a hook', () => {
    expect(errorsOf('  - { name: a, key: C, scope: node, command: "kubectl cordon $NODE" }\n')[0]).toMatch(/commands\[0\]\.command: a command is a list of words \(no shell\); for sh -c write shell: true/);
    expect(errorsOf('  - { name: a, key: C, scope: node, command: [a, b], shell: true }\n')[0]).toMatch(/with shell: true, command is one string/);
    expect(errorsOf('  - { name: a, scope: server, command: [echo], on: { node-drain: after } }\n')).toEqual(['4 commands[0].on: a node-drain hook acts on the node: it needs scope: node']);
    expect(errorsOf('  - { name: a, scope: node, command: [echo] }\n')).toEqual(['4 commands[0]: command "a" needs a key (or on: node-drain, to run only around a node drain)']);
    expect(errorsOf('  - { name: a, key: f13, scope: node, command: [echo], sope: 1 }\n')).toEqual([
      '4 commands[0].key: a key is one printable character, f1 to f12, or C-x / M-x',
      '4 commands[0].sope: unknown key "sope" (did you mean "scope"?)',
    ]);
  });

  it("the README's example loads as written", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /### Your own commands[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const { config, issues } = loadConfig(`${LBS}${example}`);
    expect(issues).toEqual([]);
    expect(config!.commands!.map((c) => [c.name, c.key, c.scope, c.where, c.dangerous, c.confirm, c.nodeDrain ?? null])).toEqual([
      ['cordon', 'C', 'node', 'local', true, true, 'before'],
      ['haproxy-log', 'L', 'server', 'lb', false, false, null],
    ]);
  });
});
