import { describe, expect, it } from 'vitest';
import { FAILOVER_DEFAULTS } from '../../src/config/failover.js';
import type { KeepalivedTarget } from '../../src/model/failover-config.js';
import { collectBird, exportedRoutes, importedRoutes } from '../../src/sources/bird/collect.js';
import { collectHeartbeat } from '../../src/sources/heartbeat/collect.js';
import { collectKeepalived } from '../../src/sources/keepalived/collect.js';
import { redactKeepalived } from '../../src/sources/keepalived/redact.js';
import { fixture, fixtureRunner, keepalivedHost } from '../support/fixture-runner.js';

const ka: KeepalivedTarget = { conf: '/etc/keepalived/keepalived.conf', pidFile: '/run/keepalived.pid', dumpDir: '/tmp', reload: null, stop: null, start: null };
const fast = { sleep: async () => {} };

describe('keepalived collector (recorded 2.2.7 dumps)', () => {
  it('asks --signum, signals the pid from the pid file, waits for a new dump and reads the conf', async () => {
    const runner = keepalivedHost('lb-1', { data: fixture('keepalived/data-v2.2.7-lb-1.txt'), conf: fixture('keepalived/keepalived-lb-1.conf'), addr: '' });
    const r = await collectKeepalived(runner, ka, fast);
    expect(r.dump).toBe('DATA');
    expect(r.pid).toBe(4242);
    expect(runner.calls.map((c) => c.join(' '))).toContain('kill -s 10 4242');
    expect(r.runtime.instances.map((i) => `${i.name} ${i.state} ${i.effectivePriority}`)).toEqual([
      'cluster01-api-vip BACKUP 73',
      'cluster01-ingress-vip MASTER 103',
      'cluster02-api-vip FAULT 101',
    ]);
    expect(r.config?.instances.find((i) => i.name === 'cluster01-ingress-vip')?.nopreempt).toBe(true);
    expect(r.config?.instances[0]?.unicastPeers).toEqual(['10.99.0.1']);
  });

  it('never keeps the VRRP password: not in the reading, not in the kept conf text', async () => {
    const runner = keepalivedHost('lb-0', { data: fixture('keepalived/data-v2.2.7-lb-0.txt'), conf: fixture('keepalived/keepalived-lb-0.conf'), addr: '' });
    const r = await collectKeepalived(runner, ka, fast);
    expect(JSON.stringify(r)).not.toContain('s3cr3tPW');
    expect(r.confText).toContain('auth_pass ********');
    expect(redactKeepalived(fixture('keepalived/json-v2.2.7-lb-0.json'))).not.toContain('s3cr3tPW');
  });

  it('falls back to the JSON dump when the data dump cannot be had', async () => {
    const runner = keepalivedHost('lb-0', { json: fixture('keepalived/json-v2.2.7-lb-0.json'), conf: fixture('keepalived/keepalived-lb-0.conf'), addr: '' });
    const r = await collectKeepalived(runner, ka, fast);
    expect(r.dump).toBe('JSON');
    expect(runner.calls.map((c) => c.join(' '))).toContain('kill -s 36 4242');
    expect(JSON.stringify(r)).not.toContain('s3cr3tPW');
  });

  it('a truncated dump is read once more; a bad conf is reported beside a good dump', async () => {
    const whole = fixture('keepalived/data-v2.2.7-lb-0.txt');
    let reads = 0;
    const runner = keepalivedHost('lb-0', { data: '', conf: 'vrrp_instance X {\n priority 1\n}\n', addr: '' });
    const original = runner.run.bind(runner);
    runner.run = async (argv, o) => (argv.join(' ') === 'cat /tmp/keepalived.data' ? { stdout: reads++ === 0 ? whole.slice(0, 3000) : whole, stderr: '', code: 0, signal: null } : original(argv, o));
    const r = await collectKeepalived(runner, ka, fast);
    expect(reads).toBe(2);
    expect(r.config).toBeNull();
    expect(r.confError).toMatch(/virtual_router_id/);
  });

  it('says so when keepalived is not running (no pid file) and when the dump never comes', async () => {
    const none = fixtureRunner('lb', { 'cat /run/keepalived.pid': { code: 1, stderr: 'cat: /run/keepalived.pid: No such file or directory' } });
    await expect(collectKeepalived(none, ka, fast)).rejects.toThrow(/keepalived.pid.*No such file/);
    const stuck = fixtureRunner('lb', { 'cat /run/keepalived.pid': '7\n', 'keepalived --signum=*': '10\n', 'sh -c stat*': '5.0\n', 'kill -s *': '' });
    await expect(collectKeepalived(stuck, ka, { sleep: async () => {}, dumpTimeoutMs: 0 })).rejects.toThrow(/did not rewrite/);
  });
});

describe('heartbeat collector (recorded 3.0.6 cl_status)', () => {
  const hb = { haD: FAILOVER_DEFAULTS.haD, node: 'K8sLB01', toolsDir: FAILOVER_DEFAULTS.heartbeatTools };
  it('reads status, nodes, resources and haresources', async () => {
    const runner = fixtureRunner('K8sLB01', {
      'cl_status hbstatus': fixture('heartbeat/K8sLB01-hbstatus.txt'),
      'cl_status listnodes': fixture('heartbeat/K8sLB01-listnodes.txt'),
      'cl_status nodestatus k8slb01': fixture('heartbeat/K8sLB01-nodestatus-K8sLB01.txt'),
      'cl_status nodestatus k8slb02': fixture('heartbeat/K8sLB01-nodestatus-K8sLB02.txt'),
      'cl_status rscstatus': fixture('heartbeat/K8sLB01-rscstatus.txt'),
      'cat /etc/ha.d/haresources': fixture('heartbeat/haresources'),
    });
    const r = await collectHeartbeat(runner, hb);
    expect(r.status).toEqual({ running: true, nodes: ['k8slb02', 'k8slb01'], nodeStatus: { k8slb01: 'active', k8slb02: 'active' }, resources: 'local' });
    expect(r.groups[0]?.node).toBe('K8sLB01');
  });
  it('a stopped heartbeat (exit 1) is an answer, not a failure', async () => {
    const runner = fixtureRunner('K8sLB01', {
      'cl_status hbstatus': { stdout: fixture('heartbeat/stopped-hbstatus.txt'), code: 1 },
      'cat /etc/ha.d/haresources': { code: 1, stderr: 'cat: /etc/ha.d/haresources: No such file or directory' },
    });
    const r = await collectHeartbeat(runner, hb);
    expect(r.status.running).toBe(false);
    expect(r.haresourcesError).toMatch(/No such file/);
  });
});

describe('BIRD collector (recorded 2.0.12 and 1.6.8 birdc -v)', () => {
  it('reads replies of a restricted birdc (-r), which start with "0016 Access restricted"', async () => {
    const { parseBirdProtocols } = await import('../../src/sources/bird/protocols.js');
    const { parseBirdRoutes } = await import('../../src/sources/bird/routes.js');
    expect(parseBirdProtocols(fixture('bird/2.0.12-v-r-show-protocols.txt')).protocols.map((p) => p.name)).toEqual(['device1', 'static_pods']);
    expect(parseBirdRoutes(fixture('bird/2.0.12-v-r-show-route-protocol-static.txt')).map((r) => r.network)).toEqual(['172.16.171.64/26']);
  });

  for (const v of ['2.0.12', '1.6.8']) {
    it(`${v}: protocols and per-protocol route counts, through a restricted birdc on the configured socket`, async () => {
      const target = { socket: '/run/x/bird.ctl', client: 'birdc' };
      const all = fixture(`bird/${v}-v-show-protocols-all-bgp1.txt`);
      const runner = fixtureRunner('ingress', {
        'birdc -v -r -s /run/x/bird.ctl show protocols': fixture(`bird/${v}-v-show-protocols.txt`),
        'birdc -v -r -s /run/x/bird.ctl show protocols all': all,
      });
      const r = await collectBird(runner, target);
      expect(r.version).toBe(v);
      expect(r.protocols.map((p) => p.name)).toContain('bgp2');
      expect(r.protocols.find((p) => p.name === 'bgp1')?.state).toBe('up');
      expect(importedRoutes(r, 'bgp1')).toBe(2);
      expect(exportedRoutes(r, 'bgp1')).toBe(0);
      expect(importedRoutes(r, 'bgp2')).toBeNull();
    });
  }
});
