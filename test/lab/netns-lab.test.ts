// The namespace lab itself: reachable hosts, HAProxy inside a namespace, complete and idempotent teardown, and
// cleanup of a crashed run's leftovers (only when its pid is dead).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy } from '../../src/lab/haproxy-process.js';
import { startHttpBackend } from '../../src/lab/netns/http-backend.js';
import { NetnsLab } from '../../src/lab/netns/lab.js';
import { cleanLeftovers } from '../../src/lab/netns/leftovers.js';
import { namespacePids, sh } from '../../src/lab/netns/sh.js';

const namespaces = () => sh(['ip', 'netns', 'list']).stdout;
const rootLinks = () => sh(['ip', '-o', 'link', 'show']).stdout;
const get = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(3000) })).text();

describe('NetnsLab', () => {
  let lab: NetnsLab;
  beforeAll(() => {
    lab = NetnsLab.create({ hosts: ['lb1', 'node1'] });
  });
  afterAll(() => lab?.teardown());

  it('gives each host a namespace and an address in its own 10.213.X.0/24', () => {
    expect(lab.subnet).toMatch(/^10\.213\.\d+$/);
    expect(lab.host('lb1')).toEqual({ name: 'lb1', ns: `lbt-${process.pid}-lb1`, address: `${lab.subnet}.10`, dev: 'eth0' });
    expect(namespaces()).toContain(`lbt-${process.pid}-node1`);
    expect(lab.exec('node1', ['ip', '-o', '-4', 'addr', 'show', 'eth0'])).toContain(`${lab.subnet}.11/24`);
    expect(lab.exec('node1', ['ip', '-o', 'link', 'show', 'lo'])).toMatch(/state UNKNOWN|LOOPBACK,UP/);
  });

  it('runs HAProxy in one namespace in front of a backend in another, reachable from here', async () => {
    const backend = await startHttpBackend(lab, 'node1', 8080, 'node1');
    expect(await get(`http://${backend.address}:8080/`)).toBe('node1\n');
    const haproxy = await startHaproxy({
      name: 'lb1',
      dir: lab.dir,
      wrap: lab.wrap('lb1'),
      config: `
global
  stats socket @SOCKET@ mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend fe
  bind ${lab.host('lb1').address}:80
  default_backend be
backend be
  server node1 ${backend.address}:8080
`,
    });
    try {
      expect(namespacePids(lab.host('lb1').ns)).toContain(haproxy.pid);
      expect(await get(`http://${lab.host('lb1').address}/`)).toBe('node1\n');
    } finally {
      await haproxy.stop();
      await backend.stop();
    }
  });

  it('gives a second lab in the same process its own names and subnet', () => {
    const second = NetnsLab.create({ hosts: ['lb1'] });
    try {
      expect(second.runId).not.toBe(lab.runId);
      expect(second.subnet).not.toBe(lab.subnet);
      expect(second.host('lb1').ns).toMatch(new RegExp(`^lbt-${process.pid}\\.\\d+-lb1$`));
    } finally {
      second.teardown();
    }
    expect(namespaces()).not.toContain(second.host('lb1').ns);
  });

  it('tears down everything it made, kills what ran inside, and can be called again', async () => {
    const doomed = NetnsLab.create({ hosts: ['a'] });
    const sleeper = doomed.spawn('a', ['sleep', '60']);
    const exited = new Promise((resolve) => sleeper.once('exit', (_code, signal) => resolve(signal)));
    const { dir, runId } = doomed;
    doomed.teardown();
    doomed.teardown();
    expect(namespaces()).not.toContain(runId);
    expect(rootLinks()).not.toMatch(new RegExp(`lbt${process.pid}h${runId.split('.')[1] ?? ''}\\b`));
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`/run/lbtop-lab/${runId}.json`)).toBe(false);
    expect(await exited).toBe('SIGKILL');
  });
});

describe('cleanLeftovers', () => {
  it('removes a crashed run (dead pid) and leaves a live one alone', () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-state-'));
    const dead = spawnSync('true').pid!; // a pid that has just exited
    const ns = `lbt-${dead}-x`;
    const liveNs = `lbt-${process.pid}.99-y`;
    const scratch = `/tmp/lbtop-lbt-${dead}`;
    try {
      sh(['ip', 'netns', 'add', ns]);
      sh(['ip', 'netns', 'add', liveNs]);
      sh(['ip', 'link', 'add', `lbt${dead}h`, 'type', 'veth', 'peer', 'name', `lbt${dead}p`]);
      mkdirSync(scratch, { recursive: true });
      writeFileSync(path.join(stateDir, 'subnet-250'), `lbt-${dead}`);
      writeFileSync(
        path.join(stateDir, `lbt-${dead}.json`),
        JSON.stringify({ runId: `lbt-${dead}`, pid: dead, subnetIndex: 250, namespaces: [ns], rootLinks: [`lbt${dead}h`], dir: scratch }),
      );
      const orphan = spawn('ip', ['netns', 'exec', ns, 'sleep', '60'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => orphan.once('exit', resolve));
      for (let i = 0; i < 100 && namespacePids(ns).length === 0; i++) spawnSync('sleep', ['0.02']);

      expect(cleanLeftovers(stateDir)).toContain(`lbt-${dead}`);
      expect(namespaces()).not.toContain(ns);
      expect(namespaces()).toContain(liveNs);
      expect(rootLinks()).not.toContain(`lbt${dead}h`);
      expect(existsSync(scratch)).toBe(false);
      expect(existsSync(path.join(stateDir, 'subnet-250'))).toBe(false);
      return exited; // the process left running in the dead run's namespace was killed
    } finally {
      sh(['ip', 'netns', 'del', liveNs], { allowFail: true });
      sh(['ip', 'netns', 'del', ns], { allowFail: true });
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
