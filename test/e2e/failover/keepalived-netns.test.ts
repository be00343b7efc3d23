// End to end with real keepalived and HAProxy in two LB namespaces: lbtop reads who holds each VIP, moves one
// to lb2 and back (checked with `ip addr` in the namespaces), sees keepalived move it when HAProxy stops, and
// raises the duplicate-VIP alarm after `kill -9` of keepalived.
import { groupHistory } from '../../../src/actions/history.js';
import { undoRefusal } from '../../../src/actions/undo-plan.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFailover } from '../../../src/actions/failover/apply.js';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { planVipMove } from '../../../src/actions/failover/vip-move.js';
import { planWayBack } from '../../../src/actions/failover/way-back.js';
import { runFailoverCommand } from '../../../src/subcommands/failover-command.js';
import { loadConfig } from '../../../src/config/load.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { killPid } from '../../../src/lab/netns/sh.js';
import { createFailoverRuntime, type FailoverRuntime } from '../../../src/runtime/failover-runtime.js';
import { createFleetRuntime, type FleetRuntime } from '../../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../../src/store/selectors.js';
import { AUTH_PASS, startKeepalivedPair, type KeepalivedPair } from '../../support/lab/keepalived-lab.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHostSshd } from '../../support/lab/host-sshd.js';
import { makeKeyPair } from '../../../src/lab/netns/keys.js';
import { sshCommandRunner } from '../../../src/runtime/ssh-connectors.js';
import { SshPool } from '../../../src/transport/ssh/pool.js';
import { outcomeText, previewText } from '../../../src/present/confirmation.js';

let pair: KeepalivedPair;
let config: LbtopConfig;
let fleet: FleetRuntime;
let failover: FailoverRuntime;
const audit = openAuditLog(null);

beforeAll(async () => {
  pair = await startKeepalivedPair();
  const loaded = loadConfig(pair.yaml());
  expect(loaded.issues).toEqual([]);
  config = { ...loaded.config!, intervalSec: 0.5 };
  fleet = createFleetRuntime(config);
  failover = createFailoverRuntime(config, {
    runnerFor: (lb) => pair.lbs[lb.name as 'lb1' | 'lb2'].shell.runner,
    onEvents: (events) => fleet.store.recordEvents(events),
    intervalMs: 300,
  });
}, 60_000);

afterAll(async () => {
  failover?.stop();
  fleet?.stop();
  await pair?.close();
});

async function context() {
  await Promise.all([fleet.refresh(), failover.refresh()]);
  const s = failover.store.getState();
  return { config, hosts: s.hosts, vips: s.vips, fleet: buildFleet(config, fleet.store.getState().lbs) };
}

async function run(inv: Parameters<typeof runFailoverCommand>[0]) {
  let out = '';
  const code = await runFailoverCommand(inv, {
    config, failover, audit,
    fleet: async () => (await fleet.refresh(), buildFleet(config, fleet.store.getState().lbs)),
    askWord: async () => false,
    out: (t) => void (out += t),
    err: (t) => void (out += t),
  });
  return { code, out };
}

describe('keepalived pair in namespaces', () => {
  it('vip status: lb1 holds both VIPs, MASTER 101 against BACKUP 100; no password anywhere', async () => {
    const { code, out } = await run({ kind: 'vip-status', json: true });
    expect(code).toBe(0);
    const status = JSON.parse(out) as { vips: { vip: string; instance: string; owner: string; alarm: boolean; cluster: string; lbs: Record<string, { state: string; effectivePriority: number }> }[] };
    expect(status.vips.map((v) => [v.instance, v.vip, v.owner, v.cluster, v.alarm])).toEqual([
      ['api_vip', pair.vips[0], 'lb1', 'k8s01', false],
      ['ingress_vip', pair.vips[1], 'lb1', 'k8s01', false],
    ]);
    expect(status.vips[0]!.lbs).toEqual({
      lb1: { state: 'MASTER', configuredPriority: 101, effectivePriority: 101 },
      lb2: { state: 'BACKUP', configuredPriority: 100, effectivePriority: 100 },
    });
    expect(JSON.stringify(failover.store.getState())).not.toContain(AUTH_PASS);
  });

  it('reads lb2 over SSH (a real sshd in its namespaces) with sudo, as an `ssh:` LB would be read', async () => {
    const lb2 = pair.lbs.lb2;
    const key = makeKeyPair(path.join(pair.lab.dir, 'id_client'));
    const sshd = await startHostSshd(pair.lab, lb2.shell, [key.publicKey]);
    const known = path.join(pair.lab.dir, 'known_hosts');
    writeFileSync(known, `${sshd.knownHostsLine}\n`);
    const sshConfig = path.join(pair.lab.dir, 'ssh_config');
    writeFileSync(sshConfig, `Host lb2\n  HostName ${sshd.address}\n  User root\n  IdentityFile ${key.path}\n  UserKnownHostsFile ${known}\n  GlobalKnownHostsFile /dev/null\n`);
    const loaded = loadConfig(`lbs:\n  lb2:\n    haproxy: { socket: ${lb2.haproxy!.socket} }\n    ssh: { host: lb2 }\n    sudo: true\n    keepalived: { conf: ${lb2.dir}/keepalived.conf, pid_file: ${lb2.dir}/ka.pid }\n`);
    expect(loaded.issues).toEqual([]);
    const pool = new SshPool({ configFile: sshConfig, agentSocket: null });
    const seen: string[] = [];
    const overSsh = createFailoverRuntime(loaded.config!, {
      runnerFor: (lb) => {
        const r = sshCommandRunner(pool, lb);
        return { label: r.label, run: (argv, o) => (seen.push(argv.join(' ')), r.run(argv, o)) };
      },
    });
    try {
      await overSsh.refresh();
      const host = overSsh.store.host('lb2')!;
      expect(host.keepalived?.error).toBeNull();
      expect(host.keepalived?.value?.runtime.instances.map((i) => `${i.name} ${i.state} ${i.effectivePriority}`)).toEqual(['api_vip BACKUP 100', 'ingress_vip BACKUP 100']);
      expect(host.addresses.value?.some((i) => i.name === 'eth0')).toBe(true);
      expect(overSsh.runners.get('lb2')?.label).toBe('ssh lb2');
      expect(seen).toContain('sudo -n -- keepalived --signum=DATA');
      expect(JSON.stringify(host)).not.toContain(AUTH_PASS);
    } finally {
      overSsh.stop();
      pool.close();
    }
  });

  it('moves api_vip to lb2 with the track file, checked with ip addr, and takes the way back', async () => {
    const plan = planVipMove(await context(), { target: 'api_vip', to: 'lb2' });
    expect(plan.refused).toBeNull();
    expect(plan.method).toBe('track-file');
    expect(plan.confirmWord).toBe('k8s01');
    expect(previewText(plan)).not.toContain(AUTH_PASS);
    const report = await applyFailover(plan, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs });
    expect(report.detail).toMatch(/is on lb2 after \d+ ms; lb2 says MASTER/);
    expect(report.verified).toBe(true);
    expect(pair.holders(pair.vips[0])).toEqual(['lb2']);
    expect(pair.holders(pair.vips[1])).toEqual(['lb1']); // the other instance does not track the file
    expect(readFileSync(`${pair.lbs.lb1.dir}/maint`, 'utf8')).toBe('1\n');
    expect(readFileSync(`${pair.lbs.lb1.dir}/maint.lbtop-bak`, 'utf8')).toBe('0\n');
    console.log(`VIP move lb1 → lb2 (track file): ${report.moveMs} ms`);

    const back = planWayBack(report, await context());
    expect(back?.predictedOwner).toBe('lb1');
    const returned = await applyFailover(back!, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs });
    expect(returned.verified).toBe(true);
    expect(pair.holders(pair.vips[0])).toEqual(['lb1']);
    expect(readFileSync(`${pair.lbs.lb1.dir}/maint`, 'utf8')).toBe('0\n');
    console.log(`VIP move lb2 → lb1 (way back): ${returned.moveMs} ms`);
    expect(audit.records.filter((r) => r.phase === 'send').map((r) => r.command)).toEqual([
      `write ${pair.lbs.lb1.dir}/maint: 1`,
      expect.stringMatching(/^restore .*\/maint/),
    ]);
    // History: the move and its way back, each titled, neither offered for undo (a failover is planned as one).
    const moves = groupHistory(audit.records).filter((e) => e.kind === 'failover');
    expect(moves.map((e) => e.title)).toEqual([returned.plan.title, report.plan.title]);
    for (const e of moves) expect(undoRefusal(e)).toMatch(/^undo not offered for a failover/);
  });

  it('a priority edit is checked with keepalived -t, reloads, moves the VIP; the way back restores the file', async () => {
    const confPath = `${pair.lbs.lb1.dir}/keepalived.conf`;
    const original = readFileSync(confPath, 'utf8');
    const plan = planVipMove(await context(), { target: pair.vips[1], to: 'lb2', method: 'priority' });
    expect(plan.refused).toBeNull();
    expect(plan.diffs[0]?.diff).toMatch(/^\+\s+priority 99$/m);
    const report = await applyFailover(plan, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs });
    expect(report.verified, outcomeText({ kind: 'vrrp', report: report })).toBe(true);
    expect(pair.holders(pair.vips[1])).toEqual(['lb2']);
    const edited = readFileSync(confPath, 'utf8');
    expect(edited).toContain(`auth_pass ${AUTH_PASS}`); // the real file keeps its password
    expect(readFileSync(`${confPath}.lbtop-bak`, 'utf8')).toBe(original);
    console.log(`VIP move lb1 → lb2 (priority edit + reload): ${report.moveMs} ms`);
    const back = await applyFailover(planWayBack(report, await context())!, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs });
    expect(back.verified).toBe(true);
    expect(readFileSync(confPath, 'utf8')).toBe(original);
    expect(pair.holders(pair.vips[1])).toEqual(['lb1']);
  });

  it('lbtop vip move LB --yes --back: every VIP of lb1 to lb2 and back through the subcommand, times in --json', async () => {
    const conf = readFileSync(`${pair.lbs.lb1.dir}/keepalived.conf`, 'utf8');
    const { code, out } = await run({ kind: 'vip-move', target: 'lb1', to: 'lb2', force: false, dryRun: false, yes: true, back: true, json: true });
    expect(code, out).toBe(0);
    const reports = JSON.parse(out.trim().split('\n').at(-1)!) as { title: string; method: string; ok: boolean; moveMs: number; holders: string[] }[];
    // api_vip tracks the maint file; ingress_vip does not: the priority edit is the first method that moves it.
    // The way back undoes them in reverse order.
    expect(reports.map((r) => [/(api_vip|ingress_vip)/.exec(r.title)?.[1], r.method, r.ok, r.holders.join()])).toEqual([
      ['api_vip', 'track-file', true, 'lb2'],
      ['ingress_vip', 'priority', true, 'lb2'],
      ['ingress_vip', 'priority', true, 'lb1'],
      ['api_vip', 'track-file', true, 'lb1'],
    ]);
    expect(pair.vips.map((v) => pair.holders(v).join())).toEqual(['lb1', 'lb1']);
    expect(readFileSync(`${pair.lbs.lb1.dir}/keepalived.conf`, 'utf8')).toBe(conf);
    console.log(`lbtop vip move lb1 --back: ${reports.map((r) => `${r.moveMs} ms`).join(', ')}`);
  });

  it('lbtop vip move VIP: previewed as the VIPS dialog shows it, the cluster typed to confirm; --yes --back moves it and back', async () => {
    const dry = await run({ kind: 'vip-move', target: 'api_vip', to: 'lb2', force: false, dryRun: true, yes: false, back: false, json: false });
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toMatch(/^Plan: move api_vip .* from lb1 to lb2\nTarget: lb2\nMethod: track-file/);
    expect(dry.out).toContain('Confirm by typing: k8s01');
    const asked = await run({ kind: 'vip-move', target: 'api_vip', to: 'lb2', force: false, dryRun: false, yes: false, back: false, json: false });
    expect(asked.code).toBe(1);
    expect(asked.out).toContain('cancelled: nothing was sent');
    expect(pair.holders(pair.vips[0])).toEqual(['lb1']);
    const { code, out } = await run({ kind: 'vip-move', target: 'api_vip', to: 'lb2', force: false, dryRun: false, yes: true, back: true, json: true });
    expect(code, out).toBe(0);
    expect(out).toMatch(/Result: move api_vip .* from lb1 to lb2\n.*\n {2}verified: /);
    expect(out).toMatch(/Plan: way back: api_vip .* from lb2 to lb1\n/);
    const reports = JSON.parse(out.trim().split('\n').at(-1)!) as { ok: boolean; holders: string[] }[];
    expect(reports.map((r) => [r.ok, r.holders.join()])).toEqual([[true, 'lb2'], [true, 'lb1']]);
    expect(pair.holders(pair.vips[0])).toEqual(['lb1']);
  });

  it('stopping keepalived moves every VIP of lb1 (the preview says so); the way back starts it again', async () => {
    const plan = planVipMove(await context(), { target: 'api_vip', to: 'lb2', method: 'stop' });
    expect(plan.refused).toBeNull();
    expect(plan.warnings).toEqual([`stopping keepalived on lb1 also moves: ${pair.vips[1]} (ingress_vip)`]);
    const report = await applyFailover(plan, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs });
    expect(report.verified, report.detail).toBe(true);
    expect(pair.vips.map((v) => pair.holders(v).join())).toEqual(['lb2', 'lb2']);
    expect(report.undo.map((s) => (s.kind === 'run' ? s.argv[0] : s.kind))).toEqual(['keepalived']);
    console.log(`VIP move lb1 → lb2 (stop keepalived): ${report.moveMs} ms`);
    const back = await applyFailover(planWayBack(report, await context())!, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs });
    expect(back.verified, back.detail).toBe(true);
    await pair.until('lb1 to hold both VIPs again', () => pair.vips.every((v) => pair.holders(v).join() === 'lb1'));
  });

  it('HAProxy stopped on lb1: keepalived moves the VIPs to lb2, lbtop shows the owner and the event', async () => {
    failover.start();
    await pair.lbs.lb1.haproxy!.stop();
    await pair.until('keepalived to move the VIPs', () => pair.holders(pair.vips[0]).join() === 'lb2');
    await pair.until('lbtop to see lb2 own the VIP', () => failover.store.getState().vips.find((r) => r.instance === 'api_vip')?.verdict.holders.map((h) => h.host).join() === 'lb2');
    const events = fleet.store.getState().events;
    // Between two polls the VIP may be on both LBs or on neither: the last event is the one that matters.
    expect(events.filter((e) => e.kind === 'vip' && e.subject === `${pair.vips[0]} (api_vip)`).at(-1)).toMatchObject({ to: 'lb2' });
    await pair.until('the vrrp event', () => fleet.store.getState().events.some((e) => e.kind === 'vrrp' && e.lb === 'lb1' && e.to === 'BACKUP'));
    await pair.lbs.lb1.startHaproxy();
    await pair.until('lb1 to take the VIPs back', () => pair.holders(pair.vips[0]).join() === 'lb1');
  });

  it('kill -9 of keepalived on lb1 leaves its VIP behind: lbtop raises the duplicate-VIP alarm', async () => {
    // Stopped first, then killed: neither the parent (which would respawn the VRRP child) nor the child (which
    // releases its VIPs when its parent dies) gets to react, as when the box's keepalived is killed with -9.
    const pids = pair.lbs.lb1.keepalivedPids();
    for (const pid of pids) killPid(pid, 'SIGSTOP');
    for (const pid of pids) killPid(pid, 'SIGKILL');
    await pair.until('lb2 to take the VIP while lb1 still has it', () => pair.holders(pair.vips[0]).length === 2);
    await pair.until('lbtop to see the split brain', () => failover.store.getState().vips.some((r) => r.verdict.kind === 'split-brain'));
    failover.stop();
    const { code, out } = await run({ kind: 'vip-status', json: false });
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`ALARM: ${pair.vips[0].replaceAll('.', '\\.')} is on lb1 \\(eth0\\) and lb2 \\(eth0\\): split brain`));
    expect(fleet.store.getState().events.some((e) => e.kind === 'vip' && e.to === 'lb1+lb2' && e.detail?.startsWith('ALARM'))).toBe(true);
    const refused = planVipMove(await context(), { target: 'api_vip', to: 'lb2' });
    expect(refused.refused).toMatch(/split brain/);
  });
});
