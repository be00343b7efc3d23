// Seed 002 as published, running: two LB namespaces (lb-0, lb-1, the post's names) each with the post's
// haproxy.cfg and its own rendering of the keepalived template (priority 100 / 101, `pgrep haproxy`, PASS auth,
// floating IP 192.0.2.254 on eth0, all only inside the lab's namespaces). Changed at run time: the stats socket
// path, so that the lab knows where to find it, and maxconn (below). lbtop's failover model reads who holds the
// VIP, and lbtop.yaml's `keepalived:` block is derived into the stack it reads with.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { startHostShell, type HostShell } from '../../src/lab/netns/host-shell.js';
import { NetnsLab } from '../../src/lab/netns/lab.js';
import { killPid } from '../../src/lab/netns/sh.js';
import type { LbtopConfig } from '../../src/model/config.js';
import { createFailoverRuntime, type FailoverRuntime } from '../../src/runtime/failover-runtime.js';
import { seedText } from './seed-files.js';

const NAMES = ['lb-0', 'lb-1'] as const;
const VIP = '192.0.2.254';

describe('seed 002: the keepalived pair of the post, in namespaces', () => {
  let lab: NetnsLab;
  const shells: Record<string, HostShell> = {};
  const haproxies: Record<string, HaproxyProcess> = {};
  const dirs: Record<string, string> = {};
  let config: LbtopConfig;
  let failover: FailoverRuntime;

  const holders = () => NAMES.filter((n) => {
    const addrs = JSON.parse(shells[n]!.exec(['ip', '-j', 'addr', 'show', 'dev', 'eth0'])) as { addr_info: { local: string }[] }[];
    return addrs.some((i) => i.addr_info.some((a) => a.local === VIP));
  });

  beforeAll(async () => {
    lab = NetnsLab.create({ hosts: [...NAMES] });
    for (const name of NAMES) {
      const dir = path.join(lab.dir, name);
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      dirs[name] = dir;
      writeFileSync(path.join(dir, 'keepalived.conf'), seedText(`002/${name}/keepalived.conf`), { mode: 0o600 });
      const shell = await startHostShell(lab, name);
      shells[name] = shell;
      // The post's `maxconn 10000` wants 20,041 descriptors; a CI container may cap them at 20,000 and refuse to
      // raise the cap even for root (seen here), so the lab runs with 4000.
      const cfg = seedText('002/haproxy.cfg').replace('stats socket /run/haproxy/admin.sock', 'stats socket @SOCKET@').replace('\nmaxconn 10000\n', '\nmaxconn 4000\n');
      haproxies[name] = await startHaproxy({ name: 'haproxy', dir, config: cfg, wrap: ['nsenter', '-t', String(shell.pid), '-m', '-n', '--'] });
      shell.spawn(['keepalived', '-n', '-l', '-D', '-G', '-P', '-f', `${dir}/keepalived.conf`, '-p', `${dir}/ka.pid`, '-r', `${dir}/vrrp.pid`]);
    }
    const lb = (n: string) => `  ${n}:\n    haproxy: { socket: ${haproxies[n]!.socket} }\n    keepalived: { conf: ${dirs[n]}/keepalived.conf, pid_file: ${dirs[n]}/ka.pid }\n`;
    const loaded = loadConfig(`lbs:\n${NAMES.map(lb).join('')}clusters:\n  k3s: { backends: [k3s-http-ingress, k3s-https-ingress], vips: [${VIP}] }\n`);
    expect(loaded.issues).toEqual([]);
    config = loaded.config!;
    failover = createFailoverRuntime(config, { runnerFor: (l) => shells[l.name]!.runner, intervalMs: 300 });
    for (let i = 0; holders().join() !== 'lb-1'; i++) {
      if (i > 150) throw new Error(`lb-1 never took ${VIP}: held by ${holders().join(', ') || 'none'}`);
      await sleep(100);
    }
  }, 60_000);

  afterAll(async () => {
    failover?.stop();
    for (const name of NAMES) {
      for (const f of ['ka.pid', 'vrrp.pid']) {
        const pid = Number(shells[name]?.exec(['cat', `${dirs[name]}/${f}`], { allowFail: true }).trim());
        if (pid > 1) killPid(pid, 'SIGTERM');
      }
      await haproxies[name]?.stop().catch(() => {});
      shells[name]?.close();
    }
    lab?.teardown();
  });

  it("derives the keepalived stack from lbtop.yaml with Debian's defaults for what it does not say", () => {
    expect(config.lbs.map((l) => [l.name, l.failover?.keepalived?.conf, l.failover?.keepalived?.dumpDir, l.failover?.heartbeat, l.failover?.bird])).toEqual([
      ['lb-0', `${dirs['lb-0']}/keepalived.conf`, '/tmp', undefined, undefined],
      ['lb-1', `${dirs['lb-1']}/keepalived.conf`, '/tmp', undefined, undefined],
    ]);
  });

  it('reads VI_1 on both LBs: lb-1 MASTER at 101, lb-0 BACKUP at 100, the kernel agrees, no alarm, no password', async () => {
    await failover.refresh();
    const state = failover.store.getState();
    expect(state.vips.map((r) => [r.instance, r.vip, r.cluster, r.daemonOwner, r.verdict.kind, r.verdict.alarm, r.verdict.holders.map((h) => `${h.host} ${h.interface}`)])).toEqual([
      ['VI_1', VIP, 'k3s', 'lb-1', 'held', false, ['lb-1 eth0']],
    ]);
    expect(state.vips[0]!.perLb).toEqual({
      'lb-0': { state: 'BACKUP', configuredPriority: 100, effectivePriority: 100 },
      'lb-1': { state: 'MASTER', configuredPriority: 101, effectivePriority: 101 },
    });
    const conf = failover.store.host('lb-1')!.keepalived!.value!.config;
    expect(conf?.instances[0]).toMatchObject({ authType: 'PASS', trackScripts: [{ name: 'chk_haproxy', weight: 0 }] });
    // The conf text is kept for the preview with the post's `auth_pass 9999` masked.
    expect(failover.store.host('lb-1')!.keepalived!.value!.confText).toContain('auth_pass ********\n');
    expect(JSON.stringify(state)).not.toContain('auth_pass 9999');
  });
});
