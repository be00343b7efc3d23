// Stick tables and peers against two real HAProxy LBs on loopback that share tables through a `peers` section
// (test/support/lab/tables-lab.ts), fed by real HTTP requests; on 2.6 and again on 3.0 (haproxy-versions.ts). Checked:
// entries listed and filtered (HAProxy's filter and lbtop's where the version has no data name), an entry cleared
// on both LBs through the write path and verified gone, the compare after clearing on one LB only, read-only
// refusing the clear, `lbtop peers` / `lbtop tables --json`, and peers out of sync warned about before a VIP move.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/actions/apply.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planTableClear } from '../../src/actions/tables/clear-plan.js';
import { compareTables } from '../../src/actions/tables/compare.js';
import { readKeyOnLbs } from '../../src/actions/tables/read-key.js';
import { readPeersOnLbs } from '../../src/actions/tables/read-peers.js';
import { readOnlyRuntime } from '../../src/actions/write-gate.js';
import { runTablesCommand, type TablesCommandDeps } from '../../src/subcommands/tables-command.js';
import { createTablesService } from '../../src/runtime/tables-service.js';
import { loadConfig } from '../../src/config/index.js';
import { rawCommand } from '../../src/lab/haproxy-process.js';
import { testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { startTablesLab, type TablesLab } from '../support/lab/tables-lab.js';
import { ReadOnlyError } from '../../src/model/errors.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import type { RuntimeApi } from '../../src/sources/haproxy/client.js';
import { parseFilter } from '../../src/sources/haproxy/tables/filter.js';
import { parsePeers } from '../../src/sources/haproxy/tables/parse-peers.js';
import { peersProblems } from '../../src/sources/haproxy/tables/peers-sync.js';
import { readTable } from '../../src/sources/haproxy/tables/read-tables.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls until `test` holds (a condition, not a duration: slow CI only waits longer). */
async function until(what: string, test: () => Promise<boolean>, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await test()) return;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe(`stick tables and peers on two real HAProxy ${testHaproxyVersion()} LBs`, () => {
  let dir: string;
  let lab: TablesLab;
  let runtime: FleetRuntime;
  let clients: ReadonlyMap<string, RuntimeApi>;
  let version: string;
  const audit = openAuditLog(null);
  const peersOf = async (lb: 'lb-a' | 'lb-b') => parsePeers(await rawCommand(lab.lbs[lb].socket, 'show peers'));
  const keys = async (lb: string, table: string) => ((await readTable(clients.get(lb)!, table)).dump?.entries ?? []).map((e) => e.key).sort();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-tables-'));
    lab = await startTablesLab({ dir });
    const config = loadConfig(`lbs:\n  lb-a:\n    haproxy: { socket: ${lab.lbs['lb-a'].socket} }\n  lb-b:\n    haproxy: { socket: ${lab.lbs['lb-b'].socket} }\n`).config!;
    runtime = createFleetRuntime(config);
    clients = runtime.clients;
    version = /Version: (\S+)/.exec(await clients.get('lb-a')!.send('show info'))![1]!;
    // In sync first: both sessions up and the initial resync over (it ends at its 5 s timeout at the latest).
    await until('peers in sync', async () => (await peersProblems(await peersOf('lb-a'))).length === 0 && peersProblems(await peersOf('lb-b')).length === 0);
    for (let i = 0; i < 3; i++) await lab.request('lb-a', 'alice', '127.0.0.1');
    await lab.request('lb-a', 'bob', '127.0.0.2');
    for (let i = 0; i < 2; i++) await lab.request('lb-b', 'carol', '127.0.0.3');
    await until('entries shared', async () => (await keys('lb-b', 'per_client')).includes('alice') && (await keys('lb-a', 'per_client')).includes('carol'));
  }, 60_000);
  afterAll(async () => {
    runtime?.stop();
    await lab?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists entries and filters them: by HAProxy where the version has a data name, by lbtop where not', async () => {
    const src = await readTable(clients.get('lb-a')!, 'lbpeers/rl_src', { filter: parseFilter('data.gpc0_rate(10000) ge 3'), version });
    expect(src.filteredByLbtop).toBe(false);
    expect(src.command).toBe('show table lbpeers/rl_src data.gpc0_rate ge 3');
    expect(src.dump!.entries.map((e) => e.key)).toEqual(['127.0.0.1']);
    // per_client's gpc1 is element 1 of the gpc array: HAProxy before 3.2 cannot filter on it.
    const arr = await readTable(clients.get('lb-a')!, 'per_client', { filter: parseFilter('data.gpc1 gt 1'), version });
    expect(arr.filteredByLbtop).toBe(true);
    expect(arr.dump!.entries.map((e) => e.key).sort()).toEqual(['alice', 'carol']);
    // gpc0 there is the array's element 0: `data.gpc0` is refused as not stored, `data.gpc` is what HAProxy takes.
    const first = await readTable(clients.get('lb-a')!, 'per_client', { filter: parseFilter('data.gpc0 eq 0'), version });
    expect(first.command).toBe('show table per_client data.gpc eq 0');
    expect(first.dump!.entries).toHaveLength(3);
  });

  it('tables --json lists both LBs; peers exits 0 when in sync', async () => {
    let out = '';
    const deps: TablesCommandDeps = { tables: createTablesService(runtime.hosts, runtime, audit), out: (t) => void (out += t), err: () => {}, confirm: async () => false };
    expect(await runTablesCommand({ kind: 'tables', table: null, filter: null, key: null, lbs: [], compare: false, json: true }, deps)).toBe(0);
    const list = JSON.parse(out) as { lb: string; value: { name: string; used: number }[] }[];
    expect(list.map((r) => [r.lb, r.value.find((t) => t.name === 'per_client')?.used])).toEqual([['lb-a', 3], ['lb-b', 3]]);
    out = '';
    expect(await runTablesCommand({ kind: 'peers', lbs: [], json: false }, deps)).toBe(0);
    expect(out).toMatch(/== lb-a: in sync/);
  });

  it('read-only refuses the clear before anything is sent', async () => {
    const plan = planTableClear('per_client', 'alice', await readKeyOnLbs(clients, ['lb-a', 'lb-b'], 'per_client', 'alice'));
    const gated = new Map([...clients].map(([lb, api]) => [lb, readOnlyRuntime(api)]));
    await expect(applyPlan(plan, { clients: gated, audit })).rejects.toThrow(ReadOnlyError);
    expect(await keys('lb-a', 'per_client')).toContain('alice');
  });

  it('clears a key on both LBs that share the table, verified gone on each', async () => {
    const plan = planTableClear('per_client', 'bob', await readKeyOnLbs(clients, ['lb-a', 'lb-b'], 'per_client', 'bob'));
    expect(plan.commands.map((c) => [c.lb, c.command])).toEqual([['lb-a', 'clear table per_client key bob'], ['lb-b', 'clear table per_client key bob']]);
    expect(plan.notes!.join('\n')).toMatch(/lb-a: key=bob use=0 .*http_req_cnt=1/);
    const report = await applyPlan(plan, { clients, audit });
    expect(report.outcomes.map((o) => [o.lb, o.status])).toEqual([['lb-a', 'verified'], ['lb-b', 'verified']]);
    expect(await keys('lb-a', 'per_client')).not.toContain('bob');
    expect(await keys('lb-b', 'per_client')).not.toContain('bob');
  });

  it('an entry a session still tracks: HAProxy refuses to clear it, the report says so (FAILED, not verified)', async () => {
    const held = lab.hold('lb-a', 'dave');
    try {
      await until('dave tracked', async () => ((await readTable(clients.get('lb-a')!, 'per_client', { key: 'dave' })).dump?.entries[0]?.use ?? 0) > 0);
      const plan = planTableClear('per_client', 'dave', await readKeyOnLbs(clients, ['lb-a'], 'per_client', 'dave'));
      expect(plan.warnings.join('\n')).toMatch(/lb-a: 1 session\(s\) track this entry now/);
      const report = await applyPlan(plan, { clients, audit });
      expect(report.outcomes).toEqual([expect.objectContaining({ lb: 'lb-a', status: 'failed', error: 'Entry currently in use, cannot remove' })]);
      expect((await readTable(clients.get('lb-a')!, 'per_client', { key: 'dave' })).dump?.entries[0]?.key).toBe('dave');
      expect(report.ok).toBe(false);
    } finally {
      held.release();
    }
  });

  it('after clearing on one LB only, the compare shows the key missing there', async () => {
    let out = '';
    const deps: TablesCommandDeps = { tables: createTablesService(runtime.hosts, runtime, audit), out: (t) => void (out += t), err: () => {}, confirm: async () => false };
    expect(await runTablesCommand({ kind: 'tables-clear', table: 'per_client', key: 'carol', lbs: ['lb-a'], dryRun: false, yes: true, json: false }, deps)).toBe(0);
    expect(out).toMatch(/lb-a\s+verified/);
    const dumps = new Map(await Promise.all((['lb-a', 'lb-b'] as const).map(async (lb) => [lb, (await readTable(clients.get(lb)!, 'per_client')).dump] as const)));
    const compared = compareTables('per_client', dumps);
    expect(compared.rows.map((r) => [r.key, r.kind, Object.entries(r.perLb).filter(([, e]) => e).map(([lb]) => lb)])).toEqual([['carol', 'missing', ['lb-b']]]);
    out = '';
    expect(await runTablesCommand({ kind: 'tables', table: 'per_client', filter: null, key: null, lbs: [], compare: true, json: false }, deps)).toBe(1);
    expect(out).toMatch(/carol: only on lb-b \(missing on lb-a\)/);
  });

  it('a stopped peer: lbtop peers exits 1 and names it not connected', async () => {
    await lab.lbs['lb-b'].stop();
    await until('lb-a sees lb-b gone', async () => peersProblems(await peersOf('lb-a')).length > 0);
    const readings = await readPeersOnLbs(clients, ['lb-a']);
    expect('sections' in readings[0]! && peersProblems(readings[0].sections).join('\n')).toMatch(/peer lb-b .*NOT connected/);
    let out = '';
    const deps: TablesCommandDeps = { tables: createTablesService(runtime.hosts, runtime, audit), out: (t) => void (out += t), err: () => {}, confirm: async () => false };
    expect(await runTablesCommand({ kind: 'peers', lbs: ['lb-a'], json: true }, deps)).toBe(1);
    expect((JSON.parse(out) as { problems: string[] }[])[0]!.problems.join('\n')).toMatch(/lb-b .*NOT connected/);
  });
});
