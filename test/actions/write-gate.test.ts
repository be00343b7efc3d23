// The read-only gate: what counts as a read, for HAProxy's runtime API and for the host commands the sources
// run, and that the clients a read-only runtime builds refuse every write before anything reaches HAProxy.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReadHostCommand } from '../../src/actions/write-gate.js';
import { loadConfig } from '../../src/config/index.js';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { ReadOnlyError } from '../../src/model/errors.js';
import { createFleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { createFailoverRuntime } from '../../src/runtime/failover-runtime.js';
import { createMapsDeps } from '../../src/runtime/maps-runtime.js';
import { birdArgv } from '../../src/sources/bird/commands.js';
import { clStatusArgv } from '../../src/sources/heartbeat/cl-status.js';
import { isReadCommand } from '../../src/sources/haproxy/read-commands.js';
import { mtimeArgv } from '../../src/sources/keepalived/collect.js';
import { readDumpArgv, signalArgv, signumArgv } from '../../src/sources/keepalived/commands.js';
import { ipAddrArgv } from '../../src/sources/netlink/collect.js';
import { openAuditLog } from '../../src/actions/audit-log.js';

describe('what counts as a read', () => {
  it('runtime API: show/get/help/prompt/quit only, one command, no payload', () => {
    for (const line of ['show stat', 'show servers state be1', 'get map #1 x', 'GET acl /a.acl y', 'help', 'prompt', '@1 show info', '@!123 show proc']) {
      expect(isReadCommand(line), line).toBe(true);
    }
    for (const line of [
      'set server be1/s1 state maint', 'disable server be1/s1', 'shutdown sessions server be1/s1', 'add map /m k v', 'del acl /a x',
      'clear counters all', 'set weight be1/s1 0', 'commit map @1 /m', 'experimental-mode on', 'expert-mode on', 'set timeout cli 1',
      'get weight2', 'show stat; set server be1/s1 state maint', 'show info<<', 'show info <<EOF', '@1 reload', 'reload', 'getmap x', '',
    ]) {
      expect(isReadCommand(line), line).toBe(false);
    }
  });

  it('host commands: exactly what the sources run to read', () => {
    const reads = [
      ipAddrArgv(), birdArgv.showProtocols(), birdArgv.showRouteCount(), clStatusArgv.rscstatus(), clStatusArgv.nodestatus('lb1'),
      signumArgv('DATA'), signumArgv('JSON'), signalArgv(10, 1234), signalArgv(36, 1234), readDumpArgv('DATA'), mtimeArgv('/tmp/keepalived.data'),
      ['cat', '/run/keepalived.pid'], ['sudo', '-n', '--', 'cat', '/etc/haproxy/haproxy.cfg'], ['sudo', '-n', 'cat', '--', '/etc/haproxy/haproxy.cfg'],
      ['sh', '-c', 'if [ -e "$1" ]; then exec cat -- "$1"; else exit 66; fi', 'sh', '/etc/haproxy/hosts.map'],
    ];
    for (const argv of reads) expect(isReadHostCommand(argv), argv.join(' ')).toBe(true);
    const writes = [
      ['systemctl', 'reload', 'haproxy'], ['systemctl', 'stop', 'keepalived'], ['/usr/share/heartbeat/hb_takeover', 'all'], ['hb_standby', 'all'],
      ['birdc', '-v', '-s', '/run/bird/bird.ctl', 'disable', 'peer1'], ['kill', '-s', '15', '1234'], ['kill', '-TERM', '1234'], ['kill', '-s', '9', '1'],
      ['rm', '-f', '--', '/etc/keepalived/keepalived.conf.lbtop-check'], ['sh', '-c', 'cat > "$1"', 'sh', '/etc/haproxy/hosts.map'], ['keepalived', '-t', '-f', 'x'],
      ['ip', '-j', 'addr', 'add', '10.0.0.1/32', 'dev', 'lo'], ['ip', 'addr', 'del', '10.0.0.1/32', 'dev', 'lo'], ['sudo', 'systemctl', 'reload', 'haproxy'], ['haproxy', '-c', '-f', 'x'],
    ];
    for (const argv of writes) expect(isReadHostCommand(argv), argv.join(' ')).toBe(false);
  });
});

describe('a read-only runtime refuses every write before it reaches HAProxy', () => {
  let dir: string;
  let lb: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-gate-'));
    lb = await startHaproxy({ name: 'h1', dir, config: `${LAB_HEAD}backend be1\n  server s1 127.0.0.1:1\n` });
  });
  afterAll(async () => {
    await lb.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('clients, sessions, the master CLI, runners and files', async () => {
    const { config } = loadConfig(`read_only: true\nlbs:\n  h1:\n    haproxy: { socket: ${lb.socket}, master: ${lb.masterSocket} }\n    keepalived: { conf: ${dir}/keepalived.conf }\n`);
    const runtime = createFleetRuntime(config!);
    try {
      const client = runtime.clients.get('h1')!;
      expect(await client.send('show servers state be1')).toMatch(/be1 1 s1/);
      await expect(client.send('set server be1/s1 state maint')).rejects.toBeInstanceOf(ReadOnlyError);
      await expect(client.session!().send('disable server be1/s1')).rejects.toBeInstanceOf(ReadOnlyError);
      const maps = createMapsDeps(config!, runtime.clients, openAuditLog(null));
      await expect(maps.master('h1')!.send('reload')).rejects.toBeInstanceOf(ReadOnlyError);
      await expect(maps.runner('h1')!.run(['systemctl', 'reload', 'haproxy'])).rejects.toBeInstanceOf(ReadOnlyError);
      await expect(maps.files('h1')!.replace(`${dir}/x.map`, 'a b\n', { expected: null, backup: false })).rejects.toBeInstanceOf(ReadOnlyError);
      expect((await maps.runner('h1')!.run(['cat', lb.configPath])).stdout).toMatch(/backend be1/);
      const failover = createFailoverRuntime(config!);
      await expect(failover.runners.get('h1')!.run(['systemctl', 'stop', 'keepalived'])).rejects.toBeInstanceOf(ReadOnlyError);
      await expect(failover.files.get('h1')!.replace(`${dir}/keepalived.conf`, 'x', { expected: null, backup: false })).rejects.toBeInstanceOf(ReadOnlyError);
      // Nothing reached HAProxy.
      expect(await rawCommand(lb.socket, 'show servers state be1')).toMatch(/^\d+ be1 1 s1 127\.0\.0\.1 \d+ 0 /m);
    } finally {
      runtime.stop();
    }
  });
});
