import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandRejectedError } from '../../../src/model/errors.js';
import type { HaproxySnapshot } from '../../../src/model/haproxy.js';
import { generateConfig, LAB_CHECK_TARGET, seed000Config, seed003Config } from '../../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient, type RuntimeApi } from '../../../src/sources/haproxy/client.js';
import { isRejection, readSnapshot } from '../../../src/sources/haproxy/read-snapshot.js';
import { unixSocket } from '../../../src/transport/local.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), 'utf8');

/**
 * The 2.6 master CLI answers a one-shot command but only closes once the client half-closes (as socat does),
 * which HaproxyClient does not do; this RuntimeApi half-closes so the master's real refusal can be read.
 */
function halfClosedApi(socketPath: string): RuntimeApi {
  return {
    label: `unix:${socketPath} (half-closed)`,
    send: (command) =>
      new Promise((resolve, reject) => {
        const socket = net.createConnection({ path: socketPath });
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.once('error', reject);
        socket.once('close', () => resolve(text));
        socket.end(`${command}\n`);
      }),
    close() {},
  };
}

/** Polls until `ready` holds: checks need a moment after start before states are final. */
async function settled(api: RuntimeApi, ready: (s: HaproxySnapshot) => boolean): Promise<HaproxySnapshot> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const snapshot = await readSnapshot(api);
    if (ready(snapshot) || Date.now() > deadline) return snapshot;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const status = (s: HaproxySnapshot, proxy: string, name: string) => s.stats.find((r) => r.proxy === proxy && r.name === name)?.status;

describe('isRejection on recorded HAProxy replies', () => {
  it('recognises refusals and never data', () => {
    for (const reply of ['permission-denied', 'unknown-command', 'master-cli-show-info']) {
      expect(isRejection(fixture(`2.6/replies/${reply}.txt`))).toBe(true);
    }
    for (const reply of ['show-info', 'show-stat', 'show-servers-state']) {
      expect(isRejection(fixture(`2.6/seed-003/${reply}.txt`))).toBe(false);
    }
  });
});

describe('readSnapshot against a real HAProxy (seed 003)', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  const config = seed003Config({
    checkTarget: true,
    userSocket: true,
    checkInterMs: 200,
    address: (_b, s) => (s === 'master3' ? '127.0.64.43:1' : LAB_CHECK_TARGET),
  });
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-snapshot-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config });
  });
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const keepAlive of [false, true]) {
    it(`reads info, stats and servers (${keepAlive ? 'prompt' : 'one-shot'} mode)`, async () => {
      const client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive });
      const snapshot = await settled(client, (s) => status(s, 'api-backend', 'master3') === 'DOWN');
      expect(snapshot.info.name).toBe('HAProxy');
      expect(snapshot.info.pid).toBeGreaterThan(0);
      expect(status(snapshot, 'api-backend', 'master1')).toBe('UP');
      expect(status(snapshot, 'api-backend', 'master3')).toBe('DOWN');
      expect(snapshot.stats.find((r) => r.name === 'master3')?.addr).toBe('127.0.64.43:1');
      expect([...snapshot.servers!.keys()]).toEqual(['api-backend/master1', 'api-backend/master2', 'api-backend/master3']);
      client.close();
    });
  }

  it('times the poll with the clock it is given', async () => {
    let t = 1000;
    const snapshot = await readSnapshot(new HaproxyClient(unixSocket(haproxy.socket)), () => (t += 21));
    expect([snapshot.at, snapshot.latencyMs]).toEqual([1042, 21]);
  });

  it('reads a user-level socket: 2.6 allows `show servers state` there but blanks addresses in `show stat`', async () => {
    const snapshot = await readSnapshot(new HaproxyClient(unixSocket(path.join(haproxy.dir, 'user.sock'))));
    expect(snapshot.stats.find((r) => r.name === 'master3')?.addr).toBe('');
    expect(snapshot.servers?.get('api-backend/master3')?.address).toBe('127.0.64.43');
  });

  it("raises HAProxy's own refusal from a socket that does not serve `show info` (the master CLI)", async () => {
    const refused = readSnapshot(halfClosedApi(haproxy.masterSocket));
    await expect(refused).rejects.toBeInstanceOf(CommandRejectedError);
    await expect(refused).rejects.toMatchObject({ command: 'show info', reply: expect.stringMatching(/^Unknown command/) });
  });

  it('gives servers: null when only `show servers state` is refused', async () => {
    const admin = new HaproxyClient(unixSocket(haproxy.socket));
    const master = halfClosedApi(haproxy.masterSocket);
    // Like an HAProxy without the command: info and stats from the worker, the refusal from the master CLI.
    const api: RuntimeApi = {
      label: 'worker + master',
      send: (command) => (command === 'show servers state' ? master.send(command) : admin.send(command)),
      close() {},
    };
    const snapshot = await readSnapshot(api);
    expect(snapshot.servers).toBeNull();
    expect(snapshot.stats.filter((r) => r.kind === 'server')).toHaveLength(3);
  });
});

describe('generated lab configs on a real HAProxy', () => {
  let dir: string;
  const started: HaproxyProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-genconfig-'));
  });
  afterAll(async () => {
    await Promise.all(started.map((h) => h.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('spreads N servers over B backends with the designed state mix', async () => {
    const haproxy = await startHaproxy({ name: 'gen', dir, config: generateConfig({ servers: 40, backends: 4, checkInterMs: 200 }) });
    started.push(haproxy);
    const client = new HaproxyClient(unixSocket(haproxy.socket));
    const servers = (s: HaproxySnapshot) => s.stats.filter((r) => r.kind === 'server');
    const checked = (s: HaproxySnapshot) => servers(s).filter((r) => r.status !== 'no check' && r.status !== 'MAINT');
    const snapshot = await settled(client, (s) => checked(s).every((r) => r.checkStatus !== '' && !r.checkStatus.startsWith('INI')));
    const count = (state: string) => servers(snapshot).filter((r) => r.status === state).length;
    expect([count('MAINT'), count('DOWN'), count('UP'), count('no check')]).toEqual([4, 12, 12, 12]);
    expect(new Set(servers(snapshot).map((r) => r.proxy))).toEqual(new Set(['be_0001', 'be_0002', 'be_0003', 'be_0004']));
  });

  it('builds seed 000 with its frontends, backends and server names', async () => {
    const config = seed000Config({ address: () => LAB_CHECK_TARGET, disabled: ['k3s-backend/controlplane3'], checkTarget: true });
    const haproxy = await startHaproxy({ name: 'seed000', dir, config });
    started.push(haproxy);
    const snapshot = await readSnapshot(new HaproxyClient(unixSocket(haproxy.socket)));
    expect(snapshot.stats.filter((r) => r.kind === 'frontend').map((r) => r.proxy)).toEqual([
      'lab_check_target', 'k3s-api-frontend', 'k8s_http_lb_frontend', 'k8s_https_lb_frontend',
    ]);
    expect(snapshot.stats.filter((r) => r.kind === 'backend').map((r) => r.proxy)).toEqual([
      'k3s-backend', 'k8s_http_lb_backend', 'k8s_https_lb_backend', 'http_k8s01_dev_backend',
      'https_k8s01_dev_backend', 'http_k8s02_dev_backend', 'https_k8s02_dev_backend',
    ]);
    expect(snapshot.stats.filter((r) => r.proxy === 'k8s_https_lb_backend' && r.kind === 'server').map((r) => r.name)).toEqual([
      'controlplane1', 'controlplane2', 'controlplane3', 'worker1', 'worker2', 'worker3',
    ]);
    expect(status(snapshot, 'k3s-backend', 'controlplane3')).toBe('MAINT');
  });
});
