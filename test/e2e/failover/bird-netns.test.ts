// End to end with BIRD 2: an ingress LB peering eBGP with a Calico-like node that announces a pod /26, the
// ingress announcing its anycast /32 back. `lbtop bgp disable` on the ingress closes the session with a reason:
// the node's table loses the /32 (withdrawn on the peer) and the ingress's loses the /26; `enable` brings both
// back. The ingress runs BIRD 2.0.12 (Debian's bird2) in one suite and BIRD 1.6.8 in the other (fetched with
// `apt-get download bird` and unpacked, test/support/lab/bird16.ts: Debian's bird and bird2 packages conflict); the node
// always runs BIRD 2.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { runFailoverCommand } from '../../../src/subcommands/failover-command.js';
import { loadConfig } from '../../../src/config/load.js';
import { bird16 } from '../../support/lab/bird16.js';
import { startHostShell, type HostShell } from '../../../src/lab/netns/host-shell.js';
import { NetnsLab } from '../../../src/lab/netns/lab.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { parseBirdRoutes } from '../../../src/sources/bird/routes.js';
import { createFailoverRuntime, type FailoverRuntime } from '../../../src/runtime/failover-runtime.js';

let lab: NetnsLab;
const shells: Record<string, HostShell> = {};
let config: LbtopConfig;
let failover: FailoverRuntime;
const audit = openAuditLog(null);
const sock = (host: string) => path.join(lab.dir, host, 'bird.ctl');
const clients: Record<string, string> = {};
let anycast = '';
const POD = '172.16.171.64/26';

function birdConf(v16: boolean, me: string, peer: string, myAs: number, peerAs: number, peerName: string, route: string, staticName: string): string {
  // BIRD 1.6 has no channels: import/export sit in the protocol, and static routes take no ipv4 keyword.
  const filters = `import all; export where proto = "${staticName}"; next hop self;`;
  return `router id ${me};
protocol device { scan time 10; }
protocol static ${staticName} { ${v16 ? '' : 'ipv4; '}route ${route} blackhole; }
protocol bgp ${peerName} {
  local ${me} as ${myAs}; neighbor ${peer} as ${peerAs}; direct;
  connect retry time 1; error wait time 1, 2;
  ${v16 ? filters : `ipv4 { ${filters} };`}
}
`;
}

/** Network → count of `birdc show route protocol NAME` on a host, through its control socket. */
function routes(host: string, protocol: string): string[] {
  const text = shells[host]!.exec([clients[host]!, '-v', '-r', '-s', sock(host), 'show', 'route', 'protocol', protocol]);
  return parseBirdRoutes(text).map((r) => r.network);
}

async function until(what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

for (const flavor of ['2.0.12', '1.6.8'] as const) describe(`BIRD ${flavor} on the ingress, BIRD 2 on the node`, () => {
  const v16 = flavor === '1.6.8';
  beforeAll(async () => {
    const b16 = v16 ? bird16() : null;
    clients['ingress'] = b16?.birdc ?? 'birdc';
    clients['node1'] = 'birdc';
    lab = NetnsLab.create({ hosts: ['ingress', 'node1'] });
    const ing = lab.host('ingress').address;
    const node = lab.host('node1').address;
    anycast = `${lab.subnet}.250/32`;
    const confs = {
      ingress: birdConf(v16, ing, node, 65000, 65001, 'node1', anycast, 'static_vip'),
      node1: birdConf(false, node, ing, 65001, 65000, 'ingress', POD, 'static_pods'),
    };
    for (const [host, conf] of Object.entries(confs)) {
      mkdirSync(path.join(lab.dir, host), { recursive: true });
      writeFileSync(path.join(lab.dir, host, 'bird.conf'), conf);
      shells[host] = await startHostShell(lab, host);
      shells[host].spawn([host === 'ingress' && b16 ? b16.bird : 'bird', '-f', '-c', path.join(lab.dir, host, 'bird.conf'), '-s', sock(host), '-P', path.join(lab.dir, host, 'bird.pid')]);
    }
    const loaded = loadConfig(`lbs:\n  ingress:\n    haproxy: { socket: ${lab.dir}/none.sock }\n    bird: { socket: ${sock('ingress')}, client: ${clients['ingress']} }\n`);
    expect(loaded.issues).toEqual([]);
    config = loaded.config!;
    failover = createFailoverRuntime(config, { runnerFor: () => shells['ingress']!.runner });
    let last = '';
    await until('the BGP session and both routes', () => {
      try {
        last = shells['ingress']!.exec([clients['ingress']!, '-s', sock('ingress'), 'show', 'protocols', 'all', 'node1'], { allowFail: true });
        return routes('ingress', 'node1').includes(POD) && routes('node1', 'ingress').includes(anycast);
      } catch (error) {
        last = String(error);
        return false;
      }
    }).catch((error: Error) => {
      throw new Error(`${error.message}: ${last}`);
    });
  }, 60_000);

  afterAll(() => {
    failover?.stop();
    for (const s of Object.values(shells)) s.close();
    lab?.teardown();
  });

  async function run(inv: Parameters<typeof runFailoverCommand>[0]) {
    let out = '';
    const code = await runFailoverCommand(inv, {
      config, failover, audit, fleet: async () => null, askWord: async () => false,
      out: (t) => void (out += t), err: (t) => void (out += t),
    });
    return { code, out };
  }

  describe('peering in namespaces', () => {
    it('vip status lists the protocols with their route counts', async () => {
      const { code, out } = await run({ kind: 'vip-status', json: true });
      expect(code).toBe(0);
      const host = (JSON.parse(out) as { hosts: { lb: string; bird: { name: string; state: string; info: string; imported: number; exported: number }[] }[] }).hosts[0]!;
      expect(failover.store.host('ingress')?.bird?.value?.version).toBe(flavor);
      expect(host.bird.find((p) => p.name === 'node1')).toMatchObject({ state: 'up', info: 'Established', imported: 1, exported: 1 });
    });

    it('bgp disable withdraws the routes on the peer; a typed confirmation is needed; enable restores them', async () => {
      const refused = await run({ kind: 'bgp', action: 'disable', lb: 'ingress', protocol: 'node1', reason: 'drain ingress for kernel upgrade', dryRun: false, yes: false });
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('Confirm by typing: node1');
      expect(routes('node1', 'ingress')).toEqual([anycast]);

      const off = await run({ kind: 'bgp', action: 'disable', lb: 'ingress', protocol: 'node1', reason: 'drain ingress for kernel upgrade', dryRun: false, yes: true });
      expect(off.out).toContain(`${clients['ingress']} -v -s ${sock('ingress')} disable node1 "drain ingress for kernel upgrade"`);
      expect(off.code, off.out).toBe(0);
      expect(off.out).toMatch(/Result: disable node1 on ingress: .*\ndone: node1 is down/);
      await until('the peer to lose the anycast route', () => routes('node1', 'ingress').length === 0);
      expect(routes('ingress', 'node1')).toEqual([]);
      expect(audit.records.map((r) => `${r.phase} ${r.command}`)).toContainEqual(expect.stringMatching(/^send birdc .* disable node1 /));

      const again = await run({ kind: 'bgp', action: 'disable', lb: 'ingress', protocol: 'node1', reason: 'twice', dryRun: false, yes: true });
      expect(again.out).toMatch(/REFUSED: node1 on ingress is already down/);

      const on = await run({ kind: 'bgp', action: 'enable', lb: 'ingress', protocol: 'node1', reason: 'upgrade done', dryRun: false, yes: true });
      expect(on.code, on.out).toBe(0);
      await until('the routes to come back', () => routes('node1', 'ingress').includes(anycast) && routes('ingress', 'node1').includes(POD));
    });

    it('refuses an unknown protocol and an unsafe reason before anything is sent', async () => {
      const unknown = await run({ kind: 'bgp', action: 'disable', lb: 'ingress', protocol: 'nosuch', reason: 'x', dryRun: true, yes: false });
      expect(unknown.out).toMatch(/REFUSED: ingress has no protocol nosuch/);
      await expect(run({ kind: 'bgp', action: 'disable', lb: 'ingress', protocol: 'node1', reason: 'a"; shutdown', dryRun: true, yes: false })).rejects.toThrow(/reason/);
    });
  });
});
