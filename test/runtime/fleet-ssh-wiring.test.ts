// lbtop.yaml's ssh: wiring end to end over real sshd: an ssh alias with its socket, an LB whose socket is read
// from its haproxy.cfg on the host, an LB given by address with user and identity in the config, all polled by
// the same fleet runtime the TUI uses, with the route each one takes on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createFleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { healthItems } from '../../src/ui/rows/fleet-health.js';
import { startFleetLab, type FleetLab } from '../../src/lab/netns/fleet-lab.js';

describe('ssh: LBs in lbtop.yaml, over real sshd', () => {
  let lab: FleetLab;
  beforeAll(async () => {
    lab = await startFleetLab({ lbs: 3 });
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
  });

  it('polls an alias, a discovered socket and an address with user/identity from the file', async () => {
    const { ssh, haproxy } = lab;
    const yaml = `
defaults:
  ssh: { config: ${ssh.configFile} }
lbs:
  lb1: { ssh: lb1, haproxy: { socket: ${haproxy.lb1!.socket} } }
  lb2: { ssh: lb2, haproxy: { config: ${haproxy.lb2!.configPath} } }
  lb3:
    ssh: { host: ${ssh.lab.host('lb3').address}, user: ${ssh.user}, identity: ${ssh.clientKey.path} }
    haproxy: { socket: ${haproxy.lb3!.socket} }
`;
    const { config, issues } = loadConfig(yaml);
    expect(issues).toEqual([]);
    const pool = ssh.pool();
    const runtime = createFleetRuntime(config!, { ssh: pool });
    try {
      await runtime.refresh();
      const health = [...runtime.store.getState().lbs.values()].map((s) => s.health);
      expect(health.map((h) => [h.name, h.ok, h.error])).toEqual([
        ['lb1', true, null],
        ['lb2', true, null],
        ['lb3', true, null],
      ]);
      expect(health.map((h) => h.endpoint)).toEqual([
        `ssh lb1 → stream-local ${haproxy.lb1!.socket}`,
        // The stats socket line is line 3 of the lab's haproxy.cfg (after a blank line and `global`).
        `ssh lb2 → stream-local ${haproxy.lb2!.socket} (from ${haproxy.lb2!.configPath}:3)`,
        `ssh ${ssh.lab.host('lb3').address} → stream-local ${haproxy.lb3!.socket}`,
      ]);
      // One connection per host, the two runtime-API clients of each LB riding on it.
      expect(pool.all().map((c) => c.label).sort()).toEqual(['ssh lb1', 'ssh lb2', `ssh ${ssh.lab.host('lb3').address}`].sort());
      expect(healthItems(health, Date.now()).map((i) => i.text)).toEqual(health.map((h) => expect.stringMatching(new RegExp(`^${h.name} ok 2\\.\\d+\\.\\d+ (<10ms|\\d+0ms|\\d\\.\\ds) fwd$`))));
      // The operator's client (not the poller's) goes the same way: a write reaches the LB.
      expect(await runtime.clients.get('lb2')!.send('set server be_http/node1 weight 7')).toBe('\n');
      expect(await runtime.clients.get('lb2')!.send('get weight be_http/node1')).toMatch(/^7 \(initial 1\)/);
    } finally {
      runtime.stop();
    }
  });

  it('says why when the ssh LB has no stats socket in its haproxy.cfg', async () => {
    const { ssh } = lab;
    const { config } = loadConfig(`lbs:\n  lb1: { ssh: { host: lb1, config: ${ssh.configFile} }, haproxy: { config: /etc/hostname } }\n`);
    const runtime = createFleetRuntime(config!, { ssh: ssh.pool() });
    try {
      await runtime.refresh();
      const h = runtime.store.getState().lbs.get('lb1')!.health;
      expect(h.ok).toBe(false);
      expect(h.error).toMatch(/ssh lb1: \/etc\/hostname: no `stats socket` line in the global section|"\S+" appears before any section/);
    } finally {
      runtime.stop();
    }
  });
});
