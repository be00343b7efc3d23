// A vip-scope command takes its values from the VIPS view's row: the VIP, the one LB holding it (none during a
// split brain: a `where: lb` command then cannot pick a host and says so) and the cluster it sits behind.
import { describe, expect, it } from 'vitest';
import { invoke } from '../../../src/actions/user-command.js';
import { loadConfig } from '../../../src/config/load.js';
import { COMMANDS } from '../../../src/keymap/bindings.js';
import { buildKeymap, hintsFor, resolveKey } from '../../../src/keymap/resolve.js';
import { userCommandDefs } from '../../../src/keymap/user-keys.js';
import type { VipRow } from '../../../src/model/failover-state.js';
import { vipValues } from '../../../src/ui/handlers/user-values.js';

const row = (holders: string[]): VipRow => ({
  vip: '10.0.0.100',
  instance: 'VI_1',
  stack: 'keepalived',
  cluster: 'k8s01',
  perLb: { lb1: { state: 'MASTER', configuredPriority: 150, effectivePriority: 150 }, lb2: { state: 'BACKUP', configuredPriority: 100, effectivePriority: 100 } },
  daemonOwner: holders[0] ?? null,
  verdict: { vip: '10.0.0.100', kind: 'held', alarm: false, holders: holders.map((host) => ({ host, interface: 'eth0', interfaceUp: true })), expectedOwner: 'lb1', unknownHosts: [], message: '' },
});

describe('vip-scope user commands', () => {
  const { config } = loadConfig(`lbs:\n  lb1: { haproxy: { socket: /a } }\ncommands:\n  - { name: arping, key: A, scope: vip, where: lb, command: [arping, -c, '1', -U, $VIP] }\n`);
  const command = config!.commands![0]!;

  it('binds the key in the VIPS/BGP scope, not on the fleet table', () => {
    const keymap = buildKeymap({ readOnly: false }, [...COMMANDS, ...userCommandDefs(config!.commands!)]);
    expect(resolveKey(keymap, 'failover', { name: 'A', text: 'A' })).toMatchObject({ kind: 'command', id: 'user.arping' });
    expect(resolveKey(keymap, 'table', { name: 'A', text: 'A' })).toMatchObject({ kind: 'none' });
    expect(hintsFor(keymap, 'failover').map((h) => h.label)).toContain('arping');
  });

  it('gives $VIP, the holder as $LB and the cluster; with two holders no $LB', () => {
    expect(vipValues(row(['lb1']))).toEqual({ VIP: '10.0.0.100', LB: 'lb1', CLUSTER: 'k8s01' });
    const run = invoke(command, vipValues(row(['lb1'])) as Record<string, string>);
    expect(run).toMatchObject({ ok: true, argv: ['arping', '-c', '1', '-U', '10.0.0.100'] });
    expect(vipValues(row(['lb1', 'lb2']))).toEqual({ VIP: '10.0.0.100', CLUSTER: 'k8s01' });
    expect(vipValues(undefined)).toEqual({ why: 'no VIP selected (VIPS view, V)' });
  });
});
