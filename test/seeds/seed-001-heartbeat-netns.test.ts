// Seed 001's heartbeat files as published, running: two LB namespaces named K8sLB01 / K8sLB02 (UTS), joined by an
// `ens10` link with the post's addresses (10.143.0.5 / .6, only inside the lab's namespaces), each with the post's
// ha.cf (K8sLB01's copy names its peer .6: the post's file is the one that names .5, "IP der Gegenstelle"), its
// haresources (IPaddr2 10.143.0.50/32 on ens10:0, then HCaliasIP) and its authkeys (key redacted, the same on
// both). HCaliasIP is a local stand-in: the real one calls the cloud API. lbtop's failover model reads the
// resource group K8sLB01 runs, although heartbeat itself does not say (see the test).
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startHeartbeat } from '../../src/lab/fleet-heartbeat.js';
import { startHostShell, type HostShell } from '../../src/lab/netns/host-shell.js';
import { NetnsLab } from '../../src/lab/netns/lab.js';
import { sh } from '../../src/lab/netns/sh.js';
import { createFailoverRuntime, type FailoverRuntime } from '../../src/runtime/failover-runtime.js';
import { clusterVipOwners } from '../../src/store/vip-rows.js';
import { seedText } from './seed-files.js';

const NODES = { lb01: { node: 'K8sLB01', ip: '10.143.0.5', peer: '10.143.0.6' }, lb02: { node: 'K8sLB02', ip: '10.143.0.6', peer: '10.143.0.5' } } as const;
type Host = keyof typeof NODES;
const API = '10.143.0.50';
const HCALIASIP = '#!/bin/sh\ncase "$1" in\n  start) touch /run/hcaliasip.on ;;\n  stop) rm -f /run/hcaliasip.on ;;\n' +
  '  status) if [ -e /run/hcaliasip.on ]; then echo running; else echo stopped; fi ;;\nesac\nexit 0\n';

describe("seed 001's heartbeat pair, in namespaces", () => {
  let lab: NetnsLab;
  const shells = {} as Record<Host, HostShell>;
  let failover: FailoverRuntime;

  const holders = () => (Object.keys(NODES) as Host[]).filter((h) => {
    const links = JSON.parse(shells[h].exec(['ip', '-j', 'addr', 'show', 'dev', 'ens10'])) as { addr_info: { local: string }[] }[];
    return links.some((l) => l.addr_info.some((a) => a.local === API));
  });

  beforeAll(async () => {
    lab = NetnsLab.create({ hosts: ['lb01', 'lb02'] });
    // The ens10 link: a veth pair made here, one end moved into each LB's namespace and renamed.
    const ends = { lb01: `${lab.runId.slice(0, 10)}a`, lb02: `${lab.runId.slice(0, 10)}b` } as const;
    sh(['ip', 'link', 'add', ends.lb01, 'type', 'veth', 'peer', 'name', ends.lb02]);
    for (const host of Object.keys(NODES) as Host[]) {
      const { node, ip, peer } = NODES[host];
      sh(['ip', 'link', 'set', ends[host], 'netns', lab.host(host).ns]);
      lab.exec(host, ['ip', 'link', 'set', ends[host], 'name', 'ens10']);
      lab.exec(host, ['ip', 'addr', 'add', `${ip}/24`, 'dev', 'ens10']);
      lab.exec(host, ['ip', 'link', 'set', 'ens10', 'up']);
      const dir = path.join(lab.dir, host);
      mkdirSync(path.join(dir, 'log'), { recursive: true });
      cpSync('/etc/ha.d', path.join(dir, 'ha.d'), { recursive: true });
      cpSync('/var/lib/heartbeat', path.join(dir, 'lib'), { recursive: true });
      writeFileSync(path.join(dir, 'ha.d', 'ha.cf'), seedText('001/ha.cf').replace('ucast ens10 10.143.0.5', `ucast ens10 ${peer}`));
      writeFileSync(path.join(dir, 'ha.d', 'haresources'), seedText('001/haresources'));
      writeFileSync(path.join(dir, 'ha.d', 'authkeys'), seedText('001/authkeys'), { mode: 0o600 });
      writeFileSync(path.join(dir, 'ha.d', 'resource.d', 'HCaliasIP'), HCALIASIP);
      chmodSync(path.join(dir, 'ha.d', 'resource.d', 'HCaliasIP'), 0o755);
      shells[host] = await startHostShell(lab, host, {
        hostname: node,
        binds: [
          { from: path.join(dir, 'ha.d'), to: '/etc/ha.d' },
          { from: path.join(dir, 'lib'), to: '/var/lib/heartbeat' },
          { from: path.join(dir, 'log'), to: '/var/log' },
        ],
      });
      startHeartbeat(shells[host]);
    }
    const loaded = loadConfig(`lbs:
  lb01: { haproxy: { socket: ${lab.dir}/none1.sock }, heartbeat: { node: K8sLB01 } }
  lb02: { haproxy: { socket: ${lab.dir}/none2.sock }, heartbeat: { node: K8sLB02 } }
clusters:
  k8s: { backends: [kubernetes-master-nodes, kubernetes-master-nodesSECURE], vips: [${API}, 'HCaliasIP'] }
`);
    expect(loaded.issues).toEqual([]);
    failover = createFailoverRuntime(loaded.config!, { runnerFor: (lb) => shells[lb.name as Host].runner });
    for (let i = 0; holders().join() !== 'lb01'; i++) {
      if (i > 300) throw new Error(`K8sLB01 never took ${API}: held by ${holders().join(', ') || 'none'}`);
      await sleep(200);
    }
  }, 90_000);

  afterAll(() => {
    failover?.stop();
    for (const s of Object.values(shells)) s.close();
    lab?.teardown();
  });

  it('derives the heartbeat stack from lbtop.yaml with the Debian paths', () => {
    const lbs = loadConfig(`lbs:\n  lb01: { haproxy: { socket: /x.sock }, heartbeat: { node: K8sLB01 } }\n`).config!.lbs;
    expect(lbs[0]!.failover?.heartbeat).toEqual({ haD: '/etc/ha.d', node: 'K8sLB01', toolsDir: '/usr/share/heartbeat' });
  });

  it('reads the group K8sLB01 runs: the API address on lb01 by the kernels, HCaliasIP following its group', { timeout: 60_000 }, async () => {
    // As published, ha.cf has no auto_failback (default `legacy`): heartbeat 3.0.6 then answers rscstatus "none"
    // on both nodes, both up and K8sLB01 running the group. (With `auto_failback off` added, lb01 says "local".)
    const rsc = () => (['lb01', 'lb02'] as const).map((h) => shells[h].exec(['cl_status', 'rscstatus']).trim());
    for (let i = 0; rsc().includes('transition') && i < 150; i++) await sleep(200);
    expect(rsc()).toEqual(['none', 'none']);
    expect(shells.lb01.exec(['cl_status', 'nodestatus', 'K8sLB02']).trim()).toBe('active');
    await failover.refresh();
    const { vips } = failover.store.getState();
    expect(vips.map((r) => [r.vip, r.instance, r.stack, r.resource ?? null, r.cluster, r.daemonOwner, r.verdict.kind, r.verdict.alarm, r.verdict.holders.map((h) => `${h.host} ${h.interface}`)])).toEqual([
      [API, 'K8sLB01', 'heartbeat', null, 'k8s', null, 'held', false, ['lb01 ens10']],
      ['HCaliasIP', 'K8sLB01', 'heartbeat', 'HCaliasIP', 'k8s', null, 'not-checked', false, ['lb01 -']],
    ]);
    expect(vips[0]!.perLb).toEqual({
      lb01: { state: 'standby (none)', configuredPriority: null, effectivePriority: null },
      lb02: { state: 'standby (none)', configuredPriority: null, effectivePriority: null },
    });
    expect(vips[1]!.verdict.message).toBe(`not VIP-checked: HCaliasIP is a resource script, not an address on an LB; heartbeat names no holder (rscstatus), so the holder is the one of its group's address ${API}`);
    expect(clusterVipOwners(vips).get('k8s')).toEqual([{ vip: API, owner: 'lb01', alarm: false }, { vip: 'HCaliasIP', owner: 'lb01(hb)', alarm: false }]);
  });
});
