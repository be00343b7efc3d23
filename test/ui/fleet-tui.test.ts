// The TUI on a real fleet: two LB namespaces with real sshd and real HAProxy, reached over SSH with an
// encrypted key whose passphrase is typed into the TUI's dialog (lb2 uses a plain key and keeps polling while
// lb1 waits), then a node drain confirmed in the TUI, followed in the full-screen progress view while live
// HTTP sessions through both LBs finish, sessions falling to zero, and maint offered afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/actions/apply.js';
import { rollbackFanout } from '../../src/actions/apply-fanout.js';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { planServerAdmin, planServerWeight } from '../../src/actions/server-admin.js';
import { createNodeService, type NodeService } from '../../src/runtime/node-service.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { PassphrasePrompts } from '../../src/cli/passphrase/prompts.js';
import { buildFleet } from '../../src/store/selectors.js';
import type { AppServices } from '../../src/ui/services.js';
import { get, startFleetLab, type FleetLab } from '../../src/lab/netns/fleet-lab.js';
import { KEYS, renderApp } from './helpers.js';

const PASSPHRASE = 'drain me gently';

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the TUI on a real fleet over SSH', () => {
  let lab: FleetLab;
  let runtime: FleetRuntime;
  let node: NodeService;
  let prompts: PassphrasePrompts;
  let nodeDir: string;
  let services: AppServices;

  beforeAll(async () => {
    lab = await startFleetLab({ lbs: 2, nodes: 2, passphrase: PASSPHRASE });
    nodeDir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-tui-nodes-'));
    // lb2 names the plain key with -i (tried before ssh_config's encrypted one): it never needs the dialog.
    const config = lab.config((lb) => (lb.name === 'lb2' ? { ...lb, ssh: { ...lb.ssh!, identity: lab.ssh.clientKey.path } } : lb));
    prompts = new PassphrasePrompts();
    runtime = createFleetRuntime(config, { ssh: lab.ssh.pool({ askPassphrase: prompts.ask }) });
    const deps = { clients: runtime.clients, audit: openAuditLog(null) };
    node = createNodeService(runtime.hosts, runtime, deps.audit, { nodeDir, drainIntervalMs: 200, drainTimeoutMs: 30_000 });
    services = {
      store: runtime.store,
      config,
      buildFleet,
      planServerAdmin,
      planServerWeight,
      apply: async (plan) => {
        const report = await (plan.kind === 'node' ? node.applyNode(plan) : applyPlan(plan, deps));
        await runtime.refresh();
        return report;
      },
      rollback: (report) => rollbackFanout(report, deps),
      runRaw: (lb, command) => runtime.clients.get(lb)!.send(command),
      readOnly: false,
      planNode: node.planNode,
      nodeProgress: node.nodeProgress,
      passphrase: prompts,
      version: 'test',
      now: Date.now,
    };
  }, 60_000);
  afterAll(async () => {
    cleanup();
    prompts?.close();
    node?.stop();
    runtime?.stop();
    await lab?.close();
    if (nodeDir) rmSync(nodeDir, { recursive: true, force: true });
  });

  it('asks lb1\'s key passphrase in the dialog while lb2 polls; a wrong one is asked again; then both LBs are up', async () => {
    const app = await renderApp(services, { columns: 160, rows: 40 });
    runtime.start();
    await until('the passphrase dialog', () => app.frame().includes('SSH KEY PASSPHRASE'));
    expect(app.frame()).toContain(`key: ${path.join(lab.ssh.lab.dir, 'enc_key')}`);
    expect(app.frame()).toContain('for ssh lb1');
    // lb2 connected with its plain key and keeps polling underneath the dialog.
    await until('lb2 polled', () => /lb2 ok/.test(app.frame()));
    expect(app.frame()).not.toMatch(/lb1 ok/);
    await app.type('wrong');
    await app.press(KEYS.enter);
    await until('the second ask', () => app.frame().includes('wrong passphrase, try again (2/3)'));
    await app.type(PASSPHRASE);
    expect(app.frame()).toContain(`passphrase: ${'•'.repeat(PASSPHRASE.length)}`);
    expect(app.frame()).not.toContain(PASSPHRASE);
    await app.press(KEYS.enter);
    await until('lb1 polled over the unlocked key', () => /lb1 ok/.test(app.frame()) && !app.frame().includes('SSH KEY PASSPHRASE'));
    app.unmount();
  }, 40_000);

  it('a confirmed node drain opens the progress view; live sessions fall to zero; Esc leaves it running; P and m', async () => {
    // Four held requests per LB: round robin gives node1 two on each.
    const requests = lab.lbs.flatMap((lb) => Array.from({ length: 4 }, () => get(lab.url(lb, '/?hold=6000')))); // long enough to outlast a loaded machine's preview
    const scur = () => {
      const fleet = buildFleet(services.config, runtime.store.getState().lbs);
      const be = fleet.clusters.flatMap((c) => c.backends).find((b) => b.name === 'be_http');
      return lab.lbs.map((lb) => be?.servers.find((s) => s.name === 'node1')?.perLb[lb]?.row.scur ?? 0);
    };
    await until('sessions on node1 on both LBs', () => scur().every((n) => n > 0), 10_000);

    const app = await renderApp(services, { columns: 160, rows: 40 });
    await app.press(':');
    await app.type('node node1');
    await app.press(KEYS.enter);
    expect(app.frame()).toContain('PREVIEW: drain node node1');
    expect(app.frame()).toMatch(/\[lb1\] set server be_http\/node1 state drain/);
    await new Promise((r) => setTimeout(r, 350)); // the preview is read before y is taken
    await app.press('y');
    await until('the progress view', () => /drain node1 \(10\.[\d.]+\): [1-9]\d* session\(s\)\/queued left · elapsed \d+s · timeout 30s · following…/.test(app.frame()));
    const frame = app.frame();
    expect(frame).not.toContain('DONE: drain node node1'); // the report gave way to the progress view
    expect(frame).toMatch(/lb1\s+be_http\/node1\s+[12]\s+0\s+[12]/);
    expect(frame).toMatch(/lb2\s+be_api\/node1\s+0\s+0\s+0/);

    await app.press(KEYS.esc); // leave it: the follow-up goes on in the flash line
    expect(app.frame()).toMatch(/node1 \(10\.[\d.]+\): the follow-up goes on here in the flash line; P shows it again/);
    await until('the flash line reporting the end', () => /node1 \(10\.[\d.]+\) drained: no sessions or queue left on 2 LB\(s\)/.test(app.frame()), 15_000);
    // Every held request finished with its answer: draining cut nothing.
    expect((await Promise.all(requests)).sort()).toEqual(['node1', 'node1', 'node1', 'node1', 'node2', 'node2', 'node2', 'node2']);

    await app.press('P');
    expect(app.frame()).toMatch(/drain node1 \(10\.[\d.]+\): DRAINED, no sessions or queue left · elapsed \d+s · m puts it in maintenance/);
    expect(app.frame()).toMatch(/lb1\s+be_http\/node1\s+0\s+0\s+[12]\s+··········/);
    await app.press('m');
    expect(app.frame()).toMatch(/PREVIEW: maint node 10\.[\d.]+ \(/); // m acts on the machine node1 meant
    expect(app.frame()).toMatch(/\[lb2\] set server be_http\/node1 state maint/);
    await app.press(KEYS.esc); // nothing sent
    for (const lb of lab.lbs) {
      const state = await runtime.clients.get(lb)!.send('show servers state be_http');
      const line = state.split('\n').find((l) => l.split(' ')[3] === 'node1')!;
      expect(Number(line.split(' ')[6]) & 8, `${lb} be_http/node1 drained (FDRAIN)`).toBe(8);
      expect(Number(line.split(' ')[6]) & 1, `${lb} be_http/node1 not in maint`).toBe(0);
    }
  }, 60_000);
});
