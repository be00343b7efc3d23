// Seed 000's keepalived.conf as published, running: one VM (the post's VM07) with one VRRP instance per VIP, both
// MASTER at 200 on enp0s1, no peer. The lab host gets an enp0s1 (a veth end) with the VM's address from the post;
// that address and the VIPs 192.168.64.200/24 and 192.168.67.17/24 exist only inside the lab's namespace.
// lbtop's failover model reads each VIP as held by the one LB, with no alarm.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { startHostShell, type HostShell } from '../../src/lab/netns/host-shell.js';
import { NetnsLab } from '../../src/lab/netns/lab.js';
import { killPid } from '../../src/lab/netns/sh.js';
import { createFailoverRuntime, type FailoverRuntime } from '../../src/runtime/failover-runtime.js';
import { seedText } from './seed-files.js';

const VIPS = ['192.168.64.200', '192.168.67.17'];
// HAProxy 2.6 refuses seed 000's own haproxy.cfg (see seed-000-refused.test.ts): a stand-in gives the LB a socket.
const STAND_IN = 'global\n  stats socket @SOCKET@ mode 600 level admin\ndefaults\n  mode tcp\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\n';

describe("seed 000's keepalived on its single LB, in a namespace", () => {
  let lab: NetnsLab;
  let shell: HostShell;
  let haproxy: HaproxyProcess;
  let failover: FailoverRuntime;
  let dir = '';

  const held = () => {
    const links = JSON.parse(shell.exec(['ip', '-j', 'addr', 'show', 'dev', 'enp0s1'])) as { addr_info: { local: string }[] }[];
    return VIPS.filter((v) => links.some((l) => l.addr_info.some((a) => a.local === v)));
  };

  beforeAll(async () => {
    lab = NetnsLab.create({ hosts: ['vm07'] });
    dir = path.join(lab.dir, 'vm07');
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, 'keepalived.conf'), seedText('000/keepalived.conf'), { mode: 0o600 });
    shell = await startHostShell(lab, 'vm07');
    shell.exec(['ip', 'link', 'add', 'enp0s1', 'type', 'veth', 'peer', 'name', 'enp0s1-peer']);
    shell.exec(['ip', 'link', 'set', 'enp0s1-peer', 'up']);
    // VRRP needs an address on the interface: the VM's own, from the post's `ip a` (192.168.64.92/24).
    shell.exec(['ip', 'addr', 'add', '192.168.64.92/24', 'dev', 'enp0s1']);
    shell.exec(['ip', 'link', 'set', 'enp0s1', 'up']);
    haproxy = await startHaproxy({ name: 'haproxy', dir, config: STAND_IN, wrap: ['nsenter', '-t', String(shell.pid), '-m', '-n', '--'] });
    shell.spawn(['keepalived', '-n', '-l', '-D', '-G', '-P', '-f', `${dir}/keepalived.conf`, '-p', `${dir}/ka.pid`, '-r', `${dir}/vrrp.pid`]);
    const loaded = loadConfig(`lbs:\n  vm07:\n    haproxy: { socket: ${haproxy.socket} }\n    keepalived: { conf: ${dir}/keepalived.conf, pid_file: ${dir}/ka.pid }\n` +
      'clusters:\n  cluster01: { backends: [k3s-backend], vips: [cluster01-api-vip, cluster01-ingress-vip] }\n');
    expect(loaded.issues).toEqual([]);
    failover = createFailoverRuntime(loaded.config!, { runnerFor: () => shell.runner, intervalMs: 300 });
    for (let i = 0; held().length < 2; i++) {
      if (i > 150) throw new Error(`keepalived never took both VIPs: ${held().join(', ') || 'none'}`);
      await sleep(100);
    }
  }, 60_000);

  afterAll(async () => {
    failover?.stop();
    for (const f of ['ka.pid', 'vrrp.pid']) {
      const pid = Number(shell?.exec(['cat', `${dir}/${f}`], { allowFail: true }).trim());
      if (pid > 1) killPid(pid, 'SIGTERM');
    }
    await haproxy?.stop().catch(() => {});
    shell?.close();
    lab?.teardown();
  });

  it('reads both instances MASTER at 200, each VIP held by vm07 on enp0s1, claimed by the cluster by instance name', async () => {
    await failover.refresh();
    const { vips } = failover.store.getState();
    expect(vips.map((r) => [r.instance, r.vip, r.cluster, r.perLb.vm07, r.verdict.kind, r.verdict.alarm, r.verdict.holders.map((h) => `${h.host} ${h.interface}`)])).toEqual([
      ['cluster01-api-vip', '192.168.64.200', 'cluster01', { state: 'MASTER', configuredPriority: 200, effectivePriority: 200 }, 'held', false, ['vm07 enp0s1']],
      ['cluster01-ingress-vip', '192.168.67.17', 'cluster01', { state: 'MASTER', configuredPriority: 200, effectivePriority: 200 }, 'held', false, ['vm07 enp0s1']],
    ]);
  });
});
