// Which weights lbtop refuses in the preview, against what a real HAProxy 2.6 refuses: every balance algorithm,
// with the default hash-type and with `hash-type consistent`, each weight planned by lbtop (from the `algo`
// column it polls) and then sent raw to HAProxy. They agree everywhere but one place, on purpose: a hashing
// algorithm with `hash-type consistent`, which `show stat` cannot tell from the default map-based one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planServerWeight } from '../../src/actions/server-admin.js';
import { loadConfig } from '../../src/config/index.js';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { buildFleet } from '../../src/store/selectors.js';

const ALGOS = ['roundrobin', 'static-rr', 'leastconn', 'first', 'source', 'uri', 'url_param x', 'hdr(host)', 'rdp-cookie', 'random', 'hash path'];
const name = (algo: string, hash: string) => `be_${algo.replace(/[^\w-].*$/, '')}_${hash}`;
const CONFIG = `
${LAB_HEAD}${ALGOS.flatMap((algo) => ['map-based', 'consistent'].map((hash) => `backend ${name(algo, hash)}
  balance ${algo}
  hash-type ${hash}
  server s1 127.0.0.1:1 weight 10
  server s2 127.0.0.1:2 weight 10`)).join('\n')}
`;

describe('static balance algorithms: lbtop refuses what HAProxy 2.6 refuses', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  let runtime: FleetRuntime;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-algo-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: CONFIG });
    const config = loadConfig(`lbs:\n  lb: { haproxy: { socket: ${haproxy.socket} } }\n`).config!;
    runtime = createFleetRuntime(config, {});
  });
  afterAll(async () => {
    runtime?.stop();
    await haproxy?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('agrees on every algorithm and weight, except a hashing one with hash-type consistent (refused, HAProxy takes it)', async () => {
    const rows: string[] = [];
    for (const algo of ALGOS) {
      for (const hash of ['map-based', 'consistent']) {
        const backend = name(algo, hash);
        for (const weight of [5, 0, 10, 20]) {
          await runtime.refresh();
          const plan = planServerWeight(buildFleet({ clusters: [] }, runtime.store.getState().lbs), { backend, server: 's1', lbs: [] }, weight);
          const lbtop = plan.refused ? 'refused' : 'planned';
          const reply = await rawCommand(haproxy.socket, `set server ${backend}/s1 weight ${weight}`);
          const haproxyVerdict = /static LB algorithm/.test(reply) ? 'refused' : 'accepted';
          await rawCommand(haproxy.socket, `set server ${backend}/s1 weight 10`);
          if ((lbtop === 'refused') !== (haproxyVerdict === 'refused')) rows.push(`${backend} weight ${weight}: lbtop ${lbtop}, HAProxy ${haproxyVerdict}`);
        }
      }
    }
    // 10 is s1's current weight: nothing to plan, so only 5 and 20 can differ.
    const hashing = ['source', 'uri', 'url_param', 'hdr', 'rdp-cookie', 'hash'];
    expect(rows.sort()).toEqual(hashing.flatMap((h) => [5, 20].map((w) => `be_${h}_consistent weight ${w}: lbtop refused, HAProxy accepted`)).sort());
  }, 60_000);
});
