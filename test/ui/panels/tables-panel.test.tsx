// The TABLES panel (T) on two real HAProxy LBs sharing tables through peers (test/support/lab/tables-lab.ts): the UI's
// boundary (AppServices) is the fake of test/ui/helpers.ts, its `tables` the real services over the lab's runtime
// clients and its `apply` the real applyPlan. Checked: the tables per LB, a table opened and filtered, the clear of
// the selected key previewed in the one dialog and applied (gone on both LBs), the compare, the peers section, and
// read-only removing the clear key.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/actions/apply.js';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { loadConfig } from '../../../src/config/index.js';
import { rawCommand } from '../../../src/lab/haproxy-process.js';
import { startTablesLab, type TablesLab } from '../../support/lab/tables-lab.js';
import { createFleetRuntime, type FleetRuntime } from '../../../src/runtime/fleet-runtime.js';
import { tablesOver } from '../../../src/runtime/tables-service.js';
import { parseTableDump } from '../../../src/sources/haproxy/tables/parse-table.js';
import { demoStore, fakeServices, NOW, renderApp } from '../helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TABLES panel on real HAProxy peers', () => {
  let dir: string;
  let lab: TablesLab;
  let runtime: FleetRuntime;
  const keysOn = async (lb: 'lb-a' | 'lb-b') => (parseTableDump(await rawCommand(lab.lbs[lb].socket, 'show table per_client'))?.entries ?? []).map((e) => e.key).sort();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-tables-ui-'));
    lab = await startTablesLab({ dir });
    runtime = createFleetRuntime(loadConfig(`lbs:\n  lb-a:\n    haproxy: { socket: ${lab.lbs['lb-a'].socket} }\n  lb-b:\n    haproxy: { socket: ${lab.lbs['lb-b'].socket} }\n`).config!);
    for (let i = 0; i < 3; i++) await lab.request('lb-a', 'alice');
    await lab.request('lb-a', 'bob');
    for (let i = 0; i < 300 && !(await keysOn('lb-b')).includes('bob'); i++) await sleep(100);
  }, 60_000);
  afterEach(() => cleanup());
  afterAll(async () => {
    runtime?.stop();
    await lab?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(readOnly = false) {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock, readOnly });
    services.tables = tablesOver({ clients: runtime.clients, lbs: ['lb-a', 'lb-b'], version: () => null, audit: openAuditLog(null) });
    services.apply = (plan) => applyPlan(plan, { clients: runtime.clients, audit: openAuditLog(null) });
    const app = await renderApp(services, { columns: 160, rows: 40 });
    const until = async (what: RegExp) => {
      for (let i = 0; i < 600 && !what.test(app.frame()); i++) await sleep(50); // 30 s: a loaded machine
      expect(app.frame()).toMatch(what);
    };
    await app.press('T');
    await until(/per_client\s+lb-b\s+string\s+\d+\/1024/);
    return { app, clock, until };
  }

  it('lists the tables per LB, opens one, filters on a column, clears the selected key on both LBs', async () => {
    const { app, clock, until } = await open();
    expect(app.frame()).toMatch(/lbpeers\/rl_src\s+lb-a\s+ip\s+\d\/1024/);
    // Rows: lbpeers/rl_src ×2, local_only ×2, per_client@lb-a.
    await app.press('j', 'j', 'j', 'j', '\r');
    await until(/per_client: \d+ entries, by conn_cur/);
    await app.press('c', 'c', 'c');
    await until(/by gpc1/);
    // Sorted by gpc1, highest first: alice (3) on both LBs, then bob (1). f keeps gpc1 ≥ alice's.
    await app.press('f');
    await until(/filter gpc1 ge 3/);
    await until(/per_client: 2 entries/);
    expect(app.frame()).not.toMatch(/^bob/m);
    await app.press('d');
    await until(/PREVIEW: clear per_client key alice on lb-a, lb-b/);
    expect(app.frame()).toContain('clear table per_client key alice');
    expect(app.frame()).toMatch(/lb-a: key=alice use=0 exp=\d+s .*http_req_cnt=3/);
    clock.now += 1000;
    await app.press('y');
    await until(/lb-a\s+verified/);
    expect(app.frame()).toMatch(/lb-b\s+verified/);
    expect(await keysOn('lb-a')).not.toContain('alice');
    expect(await keysOn('lb-b')).not.toContain('alice');
    // The report closed: back on the same table, column and filter (the dialog had the body meanwhile).
    await app.press('\x1b');
    await until(/per_client: 0 entries, by \S+, filter gpc1 ge 3/);
    await app.press('\x1b');
    await until(/per_client\s+lb-b\s+string/);
  }, 60_000);

  it('compares the table across LBs after a key went on one only; p shows the peers', async () => {
    await rawCommand(lab.lbs['lb-b'].socket, 'clear table per_client key bob');
    const { app, until } = await open();
    await app.press('j', 'j', 'j', 'j', '\r');
    await until(/per_client: \d+ entr/);
    await app.press('C');
    await until(/COMPARE per_client on lb-a, lb-b: \d+ key\(s\) alike, \d+ differ/);
    // Under load a peer session can drop and reconnect, and its full resync teaches lb-b the key again: it is
    // cleared again until the compare (re-read every 2 s while open) sees it missing there.
    for (let i = 0; i < 20 && !/alike, 1 differ/.test(app.frame()); i++) {
      await rawCommand(lab.lbs['lb-b'].socket, 'clear table per_client key bob');
      await sleep(1000);
    }
    await until(/COMPARE per_client on lb-a, lb-b: \d+ key\(s\) alike, 1 differ/);
    expect(app.frame()).toMatch(/bob\s+MISSING\s+only on lb-a; missing on lb-b/);
    await app.press('p');
    await until(/PEERS \(p hides\)/);
    await until(/lb-a\s+lbpeers: (in sync|NOT IN SYNC)/);
    await until(/peer lb-b 127\.0\.0\.1:\d+ connected/); // a peer reconnecting under load comes back
    expect(app.frame()).toMatch(/peer lb-b 127\.0\.0\.1:\d+ connected/);
    await app.press('p', '\x1b');
    await until(/per_client\s+lb-b\s+string/);
  }, 60_000);

  it('read-only: the clear key is gone and says so', async () => {
    const { app, until } = await open(true);
    await app.press('j', 'j', 'j', 'j', '\r');
    await until(/per_client: \d+ entr/);
    await app.press('d');
    expect(app.frame()).not.toContain('PREVIEW');
    expect(app.frame()).toMatch(/read-only/i);
  }, 60_000);
});
