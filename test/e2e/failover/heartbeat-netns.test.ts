// End to end with a real heartbeat pair (v1 haresources, like seed 001): each node has its own network, UTS (the
// node name is `uname -n`) and mount namespace (private /etc/ha.d, /var/lib/heartbeat, /run, /var/log). lbtop reads
// who holds the IPaddr2 resource and moves it with hb_standby, then takes the way back with hb_takeover; the VIP
// is checked with `ip addr` in the namespaces.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFailover } from '../../../src/actions/failover/apply.js';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { planVipMove } from '../../../src/actions/failover/vip-move.js';
import { planWayBack } from '../../../src/actions/failover/way-back.js';
import { loadConfig } from '../../../src/config/load.js';
import { startHeartbeat } from '../../../src/lab/fleet-heartbeat.js';
import { startHostShell, type HostShell } from '../../../src/lab/netns/host-shell.js';
import { NetnsLab } from '../../../src/lab/netns/lab.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { createFailoverRuntime, type FailoverRuntime } from '../../../src/runtime/failover-runtime.js';
import { previewText } from '../../../src/present/confirmation.js';

const NODES = { hb1: 'K8sLB01', hb2: 'K8sLB02' } as const;
type Host = keyof typeof NODES;
let lab: NetnsLab;
const shells = {} as Record<Host, HostShell>;
let config: LbtopConfig;
let failover: FailoverRuntime;
let vip = '';
const audit = openAuditLog(null);

function holders(): Host[] {
  return (Object.keys(NODES) as Host[]).filter((h) => {
    const addrs = JSON.parse(shells[h].exec(['ip', '-j', 'addr', 'show', 'dev', 'eth0'])) as { addr_info: { local: string }[] }[];
    return addrs.some((i) => i.addr_info.some((a) => a.local === vip));
  });
}

async function until(what: string, test: () => boolean, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  lab = NetnsLab.create({ hosts: ['hb1', 'hb2'] });
  vip = `${lab.subnet}.50`;
  for (const host of Object.keys(NODES) as Host[]) {
    const peer = lab.host(host === 'hb1' ? 'hb2' : 'hb1').address;
    const dir = path.join(lab.dir, host);
    mkdirSync(path.join(dir, 'log'), { recursive: true });
    cpSync('/etc/ha.d', path.join(dir, 'ha.d'), { recursive: true });
    cpSync('/var/lib/heartbeat', path.join(dir, 'lib'), { recursive: true });
    writeFileSync(path.join(dir, 'ha.d', 'ha.cf'), [
      'keepalive 1', 'deadtime 3', 'warntime 2', 'initdead 4', 'udpport 694', `ucast eth0 ${peer}`,
      'auto_failback off', 'use_logd no', 'logfile /var/log/ha-log', `node ${NODES.hb1}`, `node ${NODES.hb2}`, '',
    ].join('\n'));
    writeFileSync(path.join(dir, 'ha.d', 'haresources'), `${NODES.hb1} IPaddr2::${vip}/24/eth0\n`);
    writeFileSync(path.join(dir, 'ha.d', 'authkeys'), 'auth 1\n1 md5 lbtop-lab-only\n', { mode: 0o600 });
    shells[host] = await startHostShell(lab, host, {
      hostname: NODES[host],
      binds: [
        { from: path.join(dir, 'ha.d'), to: '/etc/ha.d' },
        { from: path.join(dir, 'lib'), to: '/var/lib/heartbeat' },
        { from: path.join(dir, 'log'), to: '/var/log' },
      ],
    });
    startHeartbeat(shells[host]);
  }
  const loaded = loadConfig(`lbs:
  hb1: { haproxy: { socket: ${lab.dir}/none1.sock }, heartbeat: { node: ${NODES.hb1} } }
  hb2: { haproxy: { socket: ${lab.dir}/none2.sock }, heartbeat: { node: ${NODES.hb2} } }
clusters:
  k8s01: { backends: [api], vips: [${vip}] }
`);
  expect(loaded.issues).toEqual([]);
  config = loaded.config!;
  failover = createFailoverRuntime(config, { runnerFor: (lb) => shells[lb.name as Host].runner });
  await until('hb1 to hold the VIP', () => holders().join() === 'hb1');
}, 90_000);

afterAll(() => {
  failover?.stop();
  for (const s of Object.values(shells)) s.close();
  lab?.teardown();
});

async function context() {
  await failover.refresh();
  const s = failover.store.getState();
  return { config, hosts: s.hosts, vips: s.vips, fleet: null };
}

describe('heartbeat pair in namespaces', () => {
  it('reads the resource group and who holds it', async () => {
    const ctx = await context();
    expect(ctx.vips).toHaveLength(1);
    const row = ctx.vips[0]!;
    expect(row).toMatchObject({ vip, instance: NODES.hb1, stack: 'heartbeat', cluster: 'k8s01', daemonOwner: 'hb1' });
    expect(row.perLb.hb1?.state).toMatch(/^holds/);
    expect(row.perLb.hb2?.state).toMatch(/^standby/);
    expect(row.verdict.kind).toBe('held');
  });

  it('hb_standby on the holder moves the resource (ip addr), hb_takeover brings it back', async () => {
    // No HAProxy in this lab: the standby check cannot pass, so the move is forced (and the preview says why).
    const plan = planVipMove(await context(), { target: vip, to: 'hb2', force: true });
    expect(plan.refused).toBeNull();
    expect(plan.method).toBe('hb-standby');
    expect(plan.steps).toEqual([{ kind: 'run', lb: 'hb1', argv: ['/usr/share/heartbeat/hb_standby', 'all'], why: 'hb1 gives its resources to its peer' }]);
    expect(previewText(plan)).toMatch(/Standby check \(FAILED\)/);
    const report = await applyFailover(plan, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs, watchTimeoutMs: 40_000 });
    expect(report.verified, report.detail).toBe(true);
    expect(holders()).toEqual(['hb2']);
    console.log(`heartbeat resource move hb1 → hb2 (hb_standby): ${report.moveMs} ms`);

    const back = planWayBack(report, await context());
    expect(back?.steps).toEqual([{ kind: 'run', lb: 'hb1', argv: ['/usr/share/heartbeat/hb_takeover', 'all'], why: 'hb1 takes its resources back' }]);
    const returned = await applyFailover(back!, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs, watchTimeoutMs: 40_000 });
    expect(returned.verified, returned.detail).toBe(true);
    expect(holders()).toEqual(['hb1']);
  });
});
