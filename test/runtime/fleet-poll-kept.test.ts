// A poll's runtime-API channel over SSH stays open for the next poll (stream-local forwarding holds nothing on the
// host), with `show info` and `show stat` in one write: opening and closing a channel per poll was a third of
// lbtop's CPU at 500 LBs (bench/ssh-fleet.ts --shape k8s). A kept connection stays with the process that accepted
// it, so a reload's old worker (`Stopping: 1`) must make the poll read again on a fresh one.
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { hostStanzas, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { sshSocket } from '../../src/transport/ssh/socket.js';
import type { StreamConnector } from '../../src/transport/types.js';

// hard-stop-after: the old worker stays as long as a connection holds it, longer than the test waits.
const HAPROXY = `
global
  stats socket @SOCKET@ mode 666 level admin
  hard-stop-after 60s
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
backend be
  server s1 127.0.0.1:1
`;

/** The real SSH connector, counting its connections and recording what is written on them. */
function recorded(inner: StreamConnector) {
  const seen = { connects: 0, writes: [] as string[] };
  const connector: StreamConnector = {
    get label() {
      return inner.label;
    },
    get keepable() {
      return inner.keepable;
    },
    async connect(timeoutMs) {
      seen.connects += 1;
      const stream: Duplex = await inner.connect(timeoutMs);
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => (seen.writes.push(String(chunk)), write(chunk, ...rest))) as Duplex['write'];
      return stream;
    },
  };
  return { connector, seen };
}

describe('the poll channel over SSH', () => {
  let ssh: SshLab;
  let haproxy: HaproxyProcess;
  const runtimes: FleetRuntime[] = [];
  beforeAll(async () => {
    ssh = await startSshLab({
      hosts: { lb1: () => [] },
      sshConfig: (lab) => `Host lb1\n  IdentityFile @KEY@\n${hostStanzas(lab, ['lb1'])}Host *\n  User @USER@\n  UserKnownHostsFile @KNOWN@\n  GlobalKnownHostsFile /dev/null\n`,
    });
    haproxy = await startHaproxy({ name: 'haproxy', dir: ssh.lab.dir, config: HAPROXY, wrap: ssh.lab.wrap('lb1') });
  });
  afterAll(async () => {
    runtimes.forEach((r) => r.stop());
    await haproxy?.stop();
    await ssh?.close();
  });

  const start = () => {
    const pool = ssh.pool();
    const polls = recorded(sshSocket(pool, 'lb1', haproxy.socket));
    let made = 0;
    const config = { lbs: [{ name: 'lb1', ssh: { host: 'lb1' }, haproxy: { socket: haproxy.socket, timeoutMs: 5000 } }], clusters: [], intervalSec: 60, readOnly: false, theme: 'mono' };
    // The runtime makes the operator's client first, then the poller's: the second connector is the poll's.
    const runtime = createFleetRuntime(config, { ssh: pool, connectorFor: () => (made++ === 0 ? sshSocket(pool, 'lb1', haproxy.socket) : polls.connector) });
    runtimes.push(runtime);
    const poll = async () => {
      await runtime.refresh(undefined, { full: false });
      const lb = runtime.store.getState().lbs.get('lb1')!;
      expect(lb.health.error).toBeNull();
      return lb.snapshot!.info.pid;
    };
    return { runtime, poll, seen: polls.seen };
  };

  it('is kept from poll to poll, each poll one write', async () => {
    const { poll, seen } = start();
    const pid = await poll();
    const first = seen.writes.length;
    expect(await poll()).toBe(pid);
    expect(await poll()).toBe(pid);
    expect(seen.connects).toBe(1);
    expect(seen.writes.slice(first)).toEqual(['show info\nshow stat\n', 'show info\nshow stat\n']);
  });

  it('after a reload, is left for a fresh one that reads the new worker', async () => {
    const { poll, seen } = start();
    const before = await poll();
    await poll();
    await haproxy.reload();
    // The old worker says `Stopping: 1` once the new one runs; kept, its connection would read it until hard-stop-after.
    const deadline = Date.now() + 10_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      after = await poll();
      if (after === before) await new Promise((r) => setTimeout(r, 100));
    }
    expect(after).not.toBe(before);
    const connects = seen.connects;
    expect(await poll()).toBe(after);
    expect(seen.connects).toBe(connects);
  });
});
