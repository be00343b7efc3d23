// Kubernetes nodes through BGP, end to end (issue 16 item 6, seed 004): real BIRD 2 speakers announce pod blocks
// to the BIRD beside each of two real HAProxy LBs; `lbtop nodes --json` lists the nodes, their prefixes, the LBs
// that learn them and the pods; `lbtop node drain worker1` takes exactly the pods inside worker1's /26 on both LBs
// (not the pod inside worker3's covering /24, not the server merely named worker1) and says how each was matched;
// `ready` puts them back; read-only refuses the drain before anything reaches HAProxy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { parseArgs } from '../../../src/cli/args.js';
import { runNodeCommand } from '../../../src/subcommands/node-command.js';
import { createNodeService } from '../../../src/runtime/node-service.js';
import { ReadOnlyError } from '../../../src/model/errors.js';
import { rawCommand } from '../../../src/lab/haproxy-process.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { createFleetRuntime, type FleetRuntime } from '../../../src/runtime/fleet-runtime.js';
import { startBgpLab, type BgpLab } from '../../support/lab/bgp-nodes-lab.js';

let lab: BgpLab;
let config: LbtopConfig;
let runtime: FleetRuntime;
let nodeDir: string;
const audit = openAuditLog(null);

/** srv_admin_state (bit 8: drain) of each server of be_app on an LB, read straight from HAProxy. */
async function drained(lb: 'lb1' | 'lb2'): Promise<string[]> {
  const reply = await rawCommand(lab.haproxy[lb].socket, 'show servers state');
  return reply.split('\n').filter((l) => /^\d+ be_/.test(l)).flatMap((l) => {
    const f = l.split(' ');
    return (Number(f[6]) & 0x08) !== 0 ? [`${f[1]}/${f[3]}`] : [];
  });
}

async function run(c: LbtopConfig, rt: FleetRuntime, invocation: Parameters<typeof runNodeCommand>[0]) {
  let out = '';
  let err = '';
  const code = await runNodeCommand(invocation, c, rt, {
    node: createNodeService(rt.hosts, rt, audit, { nodeDir, bgp: lab.reader(c) }),
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    confirm: async () => false,
  });
  return { code, out, err };
}

const drain = (node: string, o: { dryRun?: boolean; yes?: boolean; action?: 'drain' | 'ready' } = {}) =>
  ({ kind: 'node', action: o.action ?? 'drain', node, wait: false, timeoutSec: 10, dryRun: o.dryRun ?? false, yes: o.yes ?? false, json: false }) as const;

beforeAll(async () => {
  lab = await startBgpLab();
  config = lab.config();
  runtime = createFleetRuntime(config);
  nodeDir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bgp-records-'));
}, 90_000);

afterAll(async () => {
  runtime?.stop();
  await lab?.close();
  if (nodeDir) rmSync(nodeDir, { recursive: true, force: true });
});

describe('lbtop nodes', () => {
  it('lists each node with its prefixes, the LBs and protocols that learn them, and its pods (--json)', async () => {
    const { code, out } = await run(config, runtime, { kind: 'nodes', json: true });
    expect(code).toBe(0);
    const json = JSON.parse(out) as { nodes: { name: string; prefixes: { prefix: string; learnedBy: { lb: string; protocol: string }[] }[]; lbs: string[]; pods: { lb: string; backend: string; server: string; address: string; prefix: string }[] }[]; errors: unknown[] };
    expect(json.errors).toEqual([]);
    expect(json.nodes.map((n) => [n.name, n.prefixes.map((p) => p.prefix), n.lbs])).toEqual([
      ['worker1', ['172.16.171.64/26'], ['lb1', 'lb2']],
      ['worker2', ['172.16.189.64/26'], ['lb1', 'lb2']],
      ['worker3', ['172.16.171.0/24'], ['lb1', 'lb2']],
    ]);
    // ingress1 names its sessions bgp1..3 (the node names come from lbtop.yaml, by address); ingress2 after the nodes.
    expect(json.nodes[0]!.prefixes[0]!.learnedBy.map((l) => `${l.lb} ${l.protocol}`)).toEqual(['lb1 bgp1', 'lb2 worker1']);
    const pods = (name: string) => json.nodes.find((n) => n.name === name)!.pods.map((p) => `${p.lb} ${p.server} ${p.address}`).sort();
    expect(pods('worker1')).toEqual(['lb1 SRV_1 172.16.171.67', 'lb1 SRV_2 172.16.171.68', 'lb2 SRV_1 172.16.171.67', 'lb2 SRV_2 172.16.171.68']);
    expect(pods('worker2')).toEqual(['SRV_3 172.16.189.68', 'SRV_4 172.16.189.69', 'SRV_5 172.16.189.70'].flatMap((s) => [`lb1 ${s}`, `lb2 ${s}`]).sort());
    // The longest match: SRV_1 and SRV_2 are inside worker3's /24 too, but worker1's /26 is longer.
    expect(pods('worker3')).toEqual(['lb1 SRV_6 172.16.171.10', 'lb2 SRV_6 172.16.171.10']);

    const text = await run(config, runtime, { kind: 'nodes', json: false });
    expect(text.out).toMatch(/^worker1\s+4\s+lb1,lb2\s+172\.16\.171\.64\/26$/m);
    expect(text.out).toMatch(/lb2\s+be_app\/SRV_6\s+172\.16\.171\.10\s+.*172\.16\.171\.0\/24 via worker3/);
  });
});

describe('lbtop node drain NODE, NODE a BGP node', () => {
  it('previews exactly the pods inside the node\'s prefix on both LBs, each matched by its BGP prefix', async () => {
    const { code, out } = await run(config, runtime, drain('worker1', { dryRun: true }));
    expect(code).toBe(0);
    const commands = out.split('\n').filter((l) => /^\s+\[lb\d\] /.test(l)).map((l) => l.trim()).sort();
    expect(commands).toEqual([
      '[lb1] set server be_app/SRV_1 state drain',
      '[lb1] set server be_app/SRV_2 state drain',
      '[lb2] set server be_app/SRV_1 state drain',
      '[lb2] set server be_app/SRV_2 state drain',
    ]);
    expect(out).toMatch(/lb1\s+be_app\/SRV_1\s+.*drain.*\[BGP prefix 172\.16\.171\.64\/26 via bgp1\]/);
    expect(out).toMatch(/lb2\s+be_app\/SRV_2\s+.*drain.*\[BGP prefix 172\.16\.171\.64\/26 via worker1\]/);
    expect(out).toMatch(/node = BGP peer worker1, announcing 172\.16\.171\.64\/26 \(lb1 via bgp1, lb2\)/);
    // A server named like the node, outside its prefixes, is listed and left alone.
    expect(out).toMatch(/named worker1 but not inside its prefixes, not in this plan: lb1: be_other\/worker1 \(10\.99\.0\.9:80\)/);
    expect(await drained('lb1')).toEqual([]);
  });

  it('drains worker1\'s pods on both LBs and nothing else; ready restores them', async () => {
    const { code, out } = await run(config, runtime, drain('worker1', { yes: true }));
    expect(code, out).toBe(0);
    for (const lb of ['lb1', 'lb2'] as const) expect(await drained(lb)).toEqual(['be_app/SRV_1', 'be_app/SRV_2']);
    const back = await run(config, runtime, drain('worker1', { yes: true, action: 'ready' }));
    expect(back.code, back.out).toBe(0);
    for (const lb of ['lb1', 'lb2'] as const) expect(await drained(lb)).toEqual([]);
  });

  it('takes, for the node of a covering /24, only the pod no longer prefix claims', async () => {
    const { code, out } = await run(config, runtime, drain('worker3', { dryRun: true }));
    expect(code).toBe(0);
    expect(out.split('\n').filter((l) => /^\s+\[lb\d\] /.test(l)).map((l) => l.trim()).sort()).toEqual([
      '[lb1] set server be_app/SRV_6 state drain',
      '[lb2] set server be_app/SRV_6 state drain',
    ]);
    expect(out).toContain('[BGP prefix 172.16.171.0/24 via bgp3]');
  });

  it('read-only refuses the drain: on the command line, and at the write path with nothing sent', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-bgp-ro-'));
    try {
      writeFileSync(path.join(dir, 'ro.yaml'), `read_only: true\nlbs:\n  lb1: { haproxy: { socket: ${lab.haproxy.lb1.socket} }, bird: true }\n`);
      const refused = await parseArgs(['-c', 'ro.yaml', 'node', 'drain', 'worker1', '--yes'], { env: {}, home: dir, cwd: dir });
      expect(refused).toMatchObject({ type: 'exit', code: 2, stderr: expect.stringMatching(/read-only: node drain/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const ro = lab.config('read_only: true\n');
    const roRuntime = createFleetRuntime(ro);
    try {
      // The plan is still made (a preview is a read) and names the pods; sending it is refused.
      const preview = await run(ro, roRuntime, drain('worker1', { dryRun: true }));
      expect(preview.out).toContain('[BGP prefix 172.16.171.64/26 via bgp1]');
      await expect(run(ro, roRuntime, drain('worker1', { yes: true }))).rejects.toBeInstanceOf(ReadOnlyError);
      for (const lb of ['lb1', 'lb2'] as const) expect(await drained(lb)).toEqual([]);
    } finally {
      roRuntime.stop();
    }
  });
});
