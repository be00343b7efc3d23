// A node is a machine, on seed 000 as written (addresses moved to loopback, see seed000-lab.ts) in a real HAProxy
// 2.6, through the built lbtop: `node drain worker1` names three machines and is refused with each listed
// (exit 2, nothing sent); `--cluster k8s01` plans exactly its two worker1 servers; the address plans them plus
// every other server there (another name, another port), and says which servers it cannot place (a unix socket,
// an unresolved DNS name); a hostname resolves to its machine; a real drain and `ready` by address; a weight
// that `balance source` cannot take is refused before anything is sent.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCommand } from '../../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild } from '../fresh-build.js';
import { EXTRA, startSeed000, type Seed000Lab } from '../../support/lab/seed000-lab.js';

interface Run { code: number | null; stdout: string; stderr: string }

describe('a node is a machine (seed 000 on HAProxy 2.6, built lbtop)', () => {
  let dir: string;
  let lab: Seed000Lab;
  let configFile: string;
  const env = () => ({ XDG_STATE_HOME: path.join(dir, 'state') });
  const lbtop = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(BIN, ['-c', configFile, ...args], { env: { ...process.env, ...env() }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
    });
  /** backend/server → srv_admin_state bits, srv_uweight, from the live HAProxy. */
  const states = async () => {
    const out = new Map<string, { admin: number; weight: number }>();
    for (const line of (await rawCommand(lab.haproxy.socket, 'show servers state')).split('\n')) {
      const f = line.split(' ');
      if (f.length > 8 && /^\d+$/.test(f[0]!)) out.set(`${f[1]}/${f[3]}`, { admin: Number(f[6]), weight: Number(f[7]) });
    }
    return out;
  };
  const drained = async () => [...(await states())].filter(([, s]) => s.admin & 0x08).map(([k]) => k).sort();
  const audited = () => {
    const file = path.join(dir, 'state/lbtop/audit.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { command: string }) : [];
  };
  const commandsOf = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('  [homelab] ')).map((l) => l.trim()).sort();

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-machine-'));
    lab = await startSeed000(dir, EXTRA);
    configFile = path.join(dir, 'lbtop.yaml');
    writeFileSync(configFile, lab.yaml);
  }, 120_000);
  afterAll(async () => {
    await lab?.haproxy.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('`node drain worker1` is refused with the three machines listed, and how to pick; nothing is sent (exit 2)', async () => {
    const run = await lbtop('node', 'drain', 'worker1', '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/REFUSED: "worker1" is the name of servers on 3 machines; a node is one machine\. Nothing was planned or sent\./);
    const block = (address: string) => run.stderr.slice(run.stderr.indexOf(`  ${address}\n`)).split('\n').slice(0, 5).join('\n');
    // The machine is more than the name: .94 also carries the exporter (no cluster claims it: the LB's group).
    expect(block('127.0.64.94')).toMatch(/clusters: k8s01, homelab\n\s+backends: k8s_http_lb_backend, k8s_https_lb_backend, k8s01_node_exporter\n.*\n\s+pick it: {2}lbtop node drain worker1 --cluster k8s01 {3}or {3}lbtop node drain 127\.0\.64\.94$/);
    expect(block('127.0.64.101')).toMatch(/clusters: k8s01-dev\n\s+backends: http_k8s01_dev_backend, https_k8s01_dev_backend\n\s+servers:  http_k8s01_dev_backend\/worker1, https_k8s01_dev_backend\/worker1 \(on homelab\)/);
    expect(block('127.0.64.111')).toMatch(/clusters: k8s02-dev\n\s+backends: http_k8s02_dev_backend, https_k8s02_dev_backend/);
    expect(block('127.0.64.111')).toMatch(/pick it: {2}lbtop node drain worker1 --cluster k8s02-dev {3}or {3}lbtop node drain 127\.0\.64\.111$/);
    expect(run.stdout).not.toMatch(/set server/);
    expect(await drained()).toEqual([]);
    expect(audited().filter((a) => a.command.startsWith('set server'))).toEqual([]);
    const json = await lbtop('node', 'drain', 'worker1', '--json', '--dry-run');
    expect(json.code).toBe(2);
    const data = JSON.parse(json.stdout) as { refused: string; candidates: { address: string; clusters: string[]; names: string[] }[] };
    expect(data.candidates.map((c) => `${c.address} ${c.clusters.join('+')} ${c.names.join('+')}`)).toEqual([
      '127.0.64.94 k8s01+homelab worker1+worker1-exporter',
      '127.0.64.101 k8s01-dev worker1',
      '127.0.64.111 k8s02-dev worker1',
    ]);
  }, 30_000);

  it('`--cluster k8s01` plans exactly its two worker1 servers and names what else is at that address', async () => {
    const run = await lbtop('node', 'drain', 'worker1', '--cluster', 'k8s01', '--dry-run');
    expect(run.code).toBe(0);
    expect(commandsOf(run.stdout)).toEqual([
      '[homelab] set server k8s_http_lb_backend/worker1 state drain',
      '[homelab] set server k8s_https_lb_backend/worker1 state drain',
    ]);
    expect(run.stdout).toMatch(/Plan: drain node worker1 \(127\.0\.64\.94\) \(2 server\(s\) in 2 backend\(s\) on 1 LB\(s\)\)/);
    expect(run.stdout).toMatch(/! node = machine 127\.0\.64\.94 \(the address of the servers named worker1\): 2 server\(s\) at that address, named worker1/);
    expect(run.stdout).toMatch(/! also at 127\.0\.64\.94 but outside k8s01, not in this plan: homelab: k8s01_node_exporter\/worker1-exporter/);
  }, 30_000);

  it('the address plans every server at it, whatever its name or port, and says which servers it cannot place', async () => {
    const run = await lbtop('node', 'drain', '127.0.64.94', '--dry-run');
    expect(run.code).toBe(0);
    expect(commandsOf(run.stdout)).toEqual([
      '[homelab] set server k8s01_node_exporter/worker1-exporter state drain',
      '[homelab] set server k8s_http_lb_backend/worker1 state drain',
      '[homelab] set server k8s_https_lb_backend/worker1 state drain',
    ]);
    expect(run.stdout).toMatch(/node = machine 127\.0\.64\.94: 3 server\(s\) at that address, named worker1, worker1-exporter/);
    expect(run.stdout).toMatch(/not included, no machine address so lbtop cannot tell where they run: .*homelab: k8s01_node_exporter\/node-socket \(a unix socket\); homelab: k8s01_node_exporter\/dns-slot \(DNS name worker1\.lab\.invalid, not resolved\)/);
    // A port on the address would mean less than the machine: refused as a usage error.
    const port = await lbtop('node', 'drain', '127.0.64.94:443', '--dry-run');
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/a node is a machine: give its address without a port/);
  }, 30_000);

  it('a hostname resolves to its machine (localhost → 127.0.0.1 here)', async () => {
    const run = await lbtop('node', 'maint', 'localhost', '--dry-run');
    expect(run.code).toBe(0);
    expect(commandsOf(run.stdout)).toEqual(['[homelab] set server local_agent/agent state maint']);
    expect(run.stdout).toMatch(/node = machine 127\.0\.0\.1 \(localhost resolves to it\)/);
  }, 30_000);

  it('drains the k8s01 worker1 machine for real, records it by address, and `ready` by address restores it', async () => {
    const run = await lbtop('node', 'drain', 'worker1', '--cluster', 'k8s01', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(await drained()).toEqual(['k8s_http_lb_backend/worker1', 'k8s_https_lb_backend/worker1']);
    const record = JSON.parse(readFileSync(path.join(dir, 'state/lbtop/nodes/127.0.64.94.json'), 'utf8'));
    expect(record.node).toBe('127.0.64.94');
    expect(record.states.map((s: { backend: string }) => s.backend).sort()).toEqual(['k8s_http_lb_backend', 'k8s_https_lb_backend']);
    const ready = await lbtop('node', 'ready', '127.0.64.94', '--yes');
    expect(ready.code, ready.stderr).toBe(0);
    expect(ready.stdout).toMatch(/restoring the states saved at/);
    // Only what the drain changed comes back; the exporter at the same address was never touched.
    expect(commandsOf(ready.stdout)).toEqual([
      '[homelab] set server k8s_http_lb_backend/worker1 state ready',
      '[homelab] set server k8s_https_lb_backend/worker1 state ready',
    ]);
    expect(await drained()).toEqual([]);
    expect(existsSync(path.join(dir, 'state/lbtop/nodes/127.0.64.94.json'))).toBe(false);
  }, 60_000);

  it('a weight `balance source` cannot take is refused in the preview, nothing sent (exit 2); 0 and 100% go', async () => {
    const before = audited().length;
    const run = await lbtop('server', 'weight', 'k8s01_sticky/worker2', '5', '--yes');
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Plan: weight 5 k8s01_sticky\/worker2 on homelab: REFUSED/);
    expect(run.stderr).toMatch(/REFUSED before sending:\n {2}homelab: k8s01_sticky: "balance source" hashes with HAProxy's default hash-type map-based, a static algorithm: HAProxy takes only weight 0 or its configured weight 10 \('0%' \/ '100%'\), not 5/);
    expect(run.stderr).toMatch(/Nothing was sent\./);
    expect(audited().length).toBe(before);
    expect((await states()).get('k8s01_sticky/worker2')!.weight).toBe(10);
    // What HAProxy does take on a static algorithm still goes, and lands.
    expect((await lbtop('server', 'weight', 'k8s01_sticky/worker2', '0', '--yes')).code).toBe(0);
    expect((await states()).get('k8s01_sticky/worker2')!.weight).toBe(0);
    expect((await lbtop('server', 'weight', 'k8s01_sticky/worker2', '100%', '--yes')).code).toBe(0);
    expect((await states()).get('k8s01_sticky/worker2')!.weight).toBe(10);
    // HAProxy itself refuses what lbtop refused: the refusal is not lbtop's invention.
    expect(await rawCommand(lab.haproxy.socket, 'set server k8s01_sticky/worker2 weight 5')).toMatch(/Backend is using a static LB algorithm and only accepts weights '0%' and '100%'/);
  }, 60_000);
});
