// The map editor over SSH in the namespace lab: two LB hosts, each with its own network and mount namespace
// (its own /etc/haproxy and /run), a real sshd and a real HAProxy (master-worker) inside, loaded with the
// seed-000-style config; lbtop reaches both by ssh aliases only. One plan moves a hostname to the other cluster
// on both LBs (same file name, two files), real curl requests from a client namespace follow it, the files
// changed on both hosts, the reload keeps it; a conflicting edit on one host stops everything; a failing
// `haproxy -c` leaves the old file.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { applyMapsPlan } from '../../../src/actions/maps/apply.js';
import { planMapsEdit } from '../../../src/actions/maps/plan.js';
import { readMapsInputs } from '../../../src/actions/maps/read.js';
import { loadConfig } from '../../../src/config/load.js';
import { testHaproxyBin, testHaproxyVersion } from '../../../src/lab/haproxy-versions.js';
import { startHostShell, type HostShell } from '../../../src/lab/netns/host-shell.js';
import { makeKeyPair } from '../../../src/lab/netns/keys.js';
import { NetnsLab } from '../../../src/lab/netns/lab.js';
import { sh } from '../../../src/lab/netns/sh.js';
import { createFleetRuntime, type FleetRuntime } from '../../../src/runtime/fleet-runtime.js';
import { fleetMapsDeps } from '../../../src/runtime/maps-runtime.js';
import { SshPool } from '../../../src/transport/ssh/pool.js';
import { outcomeText } from '../../../src/present/confirmation.js';

const LBS = ['lb1', 'lb2'] as const;
const HOST = 'nginx.k8s01-dev.example.net';
const MAP = '/etc/haproxy/maps/hosts.map';
const fixtures = new URL('../../../fixtures/haproxy-routing/', import.meta.url);

let lab: NetnsLab;
const shells: Partial<Record<string, HostShell>> = {};
let runtime: FleetRuntime;
let deps: ReturnType<typeof fleetMapsDeps>;
const etc = (lb: string) => path.join(lab.dir, lb, 'etc-haproxy');
const curl = (lb: string, host: string) =>
  lab.exec('client', ['curl', '-s', '--max-time', '5', '-H', `Host: ${host}`, `http://${lab.host(lb).address}/`]);

async function waitFor(what: string, ok: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

beforeAll(async () => {
  lab = NetnsLab.create({ hosts: [...LBS, 'client'] });
  const key = makeKeyPair(path.join(lab.dir, 'id_client'));
  const known: string[] = [];
  const sshConfig: string[] = [];
  const config = readFileSync(new URL('haproxy.cfg', fixtures), 'utf8')
    .replaceAll('@DIR@/maps', '/etc/haproxy/maps')
    .replace('bind unix@@DIR@/default.sock', 'bind :80')
    .replaceAll('@DIR@', '/run/haproxy')
    .replace('@SOCKET@', '/run/haproxy/admin.sock');
  for (const lb of LBS) {
    const dir = path.join(lab.dir, lb);
    mkdirSync(path.join(etc(lb), 'maps'), { recursive: true });
    for (const f of readdirSync(new URL('maps/', fixtures))) copyFileSync(new URL(`maps/${f}`, fixtures), path.join(etc(lb), 'maps', f));
    writeFileSync(path.join(etc(lb), 'haproxy.cfg'), config);
    const shell = await startHostShell(lab, lb, { binds: [{ from: etc(lb), to: '/etc/haproxy' }] });
    shells[lb] = shell;
    shell.exec(['mkdir', '-p', '/run/haproxy', '/run/sshd']);
    shell.spawn([testHaproxyBin(), '-W', '-db', '-f', '/etc/haproxy/haproxy.cfg', '-S', '/run/haproxy-master.sock,mode,600']);
    // sshd inside the host's mount namespace, so a session sees this host's /etc/haproxy and /run.
    sh(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'hostkey')]);
    writeFileSync(path.join(dir, 'authorized_keys'), `${key.publicKey}\n`);
    writeFileSync(path.join(dir, 'sshd_config'), [
      `ListenAddress ${lab.host(lb).address}:22`, `HostKey ${path.join(dir, 'hostkey')}`, 'PidFile /run/sshd.pid',
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password',
      // The lab's own HOME: a session's bash must not source this machine's ~/.bashrc (see src/lab/netns/sshd.ts).
      `SetEnv HOME=${path.join(dir, 'home')}`, '',
    ].join('\n'));
    mkdirSync(path.join(dir, 'home'), { recursive: true, mode: 0o755 });
    shell.spawn(['/usr/sbin/sshd', '-D', '-e', '-f', path.join(dir, 'sshd_config')]);
    known.push(`${lab.host(lb).address} ${readFileSync(path.join(dir, 'hostkey.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ')}`);
    sshConfig.push(`Host ${lb}`, `  HostName ${lab.host(lb).address}`, '  User root', `  IdentityFile ${key.path}`, `  UserKnownHostsFile ${path.join(lab.dir, 'known_hosts')}`, '  StrictHostKeyChecking yes', '');
    await waitFor(`${lb} haproxy and sshd`, () => shell.exec(['sh', '-c', 'test -S /run/haproxy/admin.sock && test -S /run/haproxy-master.sock && test -f /run/sshd.pid && echo ok'], { allowFail: true }).includes('ok'));
  }
  writeFileSync(path.join(lab.dir, 'known_hosts'), `${known.join('\n')}\n`);
  writeFileSync(path.join(lab.dir, 'ssh_config'), sshConfig.join('\n'));
  const { config: lbtop, issues } = loadConfig(`lbs:\n${LBS.map((lb) => `  ${lb}:
    ssh: ${lb}
    haproxy: { socket: /run/haproxy/admin.sock, master: /run/haproxy-master.sock, after_write: reload }
`).join('')}`);
  if (!lbtop) throw new Error(JSON.stringify(issues));
  runtime = createFleetRuntime(lbtop, { ssh: new SshPool({ configFile: path.join(lab.dir, 'ssh_config'), agentSocket: null }) });
  deps = fleetMapsDeps(lbtop, runtime, openAuditLog(path.join(lab.dir, 'audit.jsonl'), 'test'));
}, 60_000);

afterAll(async () => {
  deps?.close();
  runtime?.stop();
  for (const shell of Object.values(shells)) shell?.close();
  lab?.teardown();
});

describe('map edits over SSH on two LB hosts', () => {
  it('one plan moves a hostname on both LBs: curl follows it, both files changed, the reload keeps it', async () => {
    for (const lb of LBS) expect(curl(lb, HOST)).toBe('https_k8s01_dev_backend');
    const inputs = await readMapsInputs(deps, 'map', MAP);
    expect(inputs.map((i) => [i.lb, i.disk?.exists, i.error])).toEqual([['lb1', true, null], ['lb2', true, null]]);
    const plan = planMapsEdit('map', MAP, { op: 'set', key: HOST, value: 'https_k8s02_dev_backend' }, inputs);
    expect(plan.lbs.map((l) => l.commands)).toEqual([[`set map ${MAP} ${HOST} https_k8s02_dev_backend`], [`set map ${MAP} ${HOST} https_k8s02_dev_backend`]]);
    const report = await applyMapsPlan(plan, deps);
    expect(report.ok, outcomeText({ kind: 'entries', report: report })).toBe(true);
    for (const o of report.outcomes) expect(o.steps.join('\n')).toMatch(/written[\s\S]*haproxy -c: configuration valid[\s\S]*reloaded: worker \d+ → \d+[\s\S]*verified/);
    // No haproxy.bin: the check ran with the LB's running binary, found over SSH from /proc/PID/exe.
    const version = testHaproxyVersion().replace('.', '\\.');
    const own = new RegExp(`^haproxy -c: configuration valid \\(${realpathSync(testHaproxyBin())}, HAProxy ${version}\\.\\S+\\)$`);
    for (const o of report.outcomes) expect(o.steps.some((s) => own.test(s)), o.steps.join('\n')).toBe(true);
    for (const lb of LBS) {
      expect(curl(lb, HOST)).toBe('https_k8s02_dev_backend');
      expect(readFileSync(path.join(etc(lb), 'maps/hosts.map'), 'utf8')).toContain(`${HOST} https_k8s02_dev_backend\n`);
      expect(readFileSync(path.join(etc(lb), 'maps/hosts.map.lbtop-bak'), 'utf8')).toContain(`${HOST} https_k8s01_dev_backend\n`);
    }
  }, 60_000);

  it('a conflicting edit on one host between read and apply: nothing is written or sent anywhere', async () => {
    const inputs = await readMapsInputs(deps, 'map', MAP);
    const plan = planMapsEdit('map', MAP, { op: 'add', key: 'new.k8s01-dev.example.org', value: 'be_api' }, inputs);
    const lb2 = path.join(etc('lb2'), 'maps/hosts.map');
    writeFileSync(lb2, `${readFileSync(lb2, 'utf8')}hand.edit.example.org be_auth\n`);
    const report = await applyMapsPlan(plan, deps);
    expect(report.ok).toBe(false);
    expect(report.outcomes.map((o) => `${o.lb} ${o.status}`)).toEqual(['lb1 skipped', 'lb2 conflict']);
    expect(report.outcomes[1]!.threeWay!.diff).toContain('+hand.edit.example.org be_auth');
    expect(readFileSync(path.join(etc('lb1'), 'maps/hosts.map'), 'utf8')).not.toContain('new.k8s01-dev.example.org');
    for (const lb of LBS) expect(curl(lb, 'new.k8s01-dev.example.org')).toBe('be_default');
  }, 60_000);

  it('haproxy -c failing on the host stops before the runtime and the reload, and puts the old file back', async () => {
    const cfg = path.join(etc('lb1'), 'haproxy.cfg');
    const good = readFileSync(cfg, 'utf8');
    const inputs = await readMapsInputs(deps, 'map', MAP, ['lb1']);
    const plan = planMapsEdit('map', MAP, { op: 'set', key: HOST, value: 'be_api' }, inputs);
    const before = readFileSync(path.join(etc('lb1'), 'maps/hosts.map'), 'utf8');
    writeFileSync(cfg, `${good}\nbackend broken\n    no-such-keyword\n`);
    try {
      const report = await applyMapsPlan(plan, deps);
      expect(report.outcomes[0]!.error).toMatch(/haproxy -c failed/);
    } finally {
      writeFileSync(cfg, good);
    }
    expect(readFileSync(path.join(etc('lb1'), 'maps/hosts.map'), 'utf8')).toBe(before);
    expect(curl('lb1', HOST)).toBe('https_k8s02_dev_backend');
  }, 60_000);
});
