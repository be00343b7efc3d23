// The HISTORY panel in the App: the audit log's actions newest first, an action's detail, `u` handing the undo
// plan (planned by the real undo planner against the fleet on screen) to the one write dialog, an action appended
// to the log while the view is open, and `u` refused in read-only mode. The log is written with the real audit
// log and plan record; the apply is the helpers' recording one.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { recordPlan } from '../../../src/actions/audit-plan.js';
import { historySource } from '../../../src/actions/history-source.js';
import { adminCommand } from '../../../src/actions/server-admin.js';
import { planUndo } from '../../../src/actions/undo-plan.js';
import { adminStateOf } from '../../../src/sources/haproxy/admin-state.js';
import { buildFleet } from '../../../src/store/selectors.js';
import { demoConfig, demoStore, fakeServices, KEYS, NOW, renderApp } from '../helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-history-panel-'));
afterEach(() => cleanup());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A server of the demo fleet that is ready on its first LB: the action "set it ready" is still what it shows. */
function readyServer(clock: { now: number }) {
  const fleet = buildFleet(demoConfig(), demoStore(clock).getState().lbs);
  for (const cluster of fleet.clusters) {
    for (const be of cluster.backends) {
      for (const sv of be.servers) {
        const [lb, on] = Object.entries(sv.perLb)[0]!;
        if (on.state && adminStateOf(on.row, on.state) === 'ready') return { backend: be.name, server: sv.name, lb };
      }
    }
  }
  throw new Error('no ready server in the demo fleet');
}

/** An action as apply writes it: the plan record (set ready, its way back: drain), the send, the reply, the outcome. */
function logAction(file: string, target: { backend: string; server: string; lb: string }, id: string) {
  const log = openAuditLog(file, 'alice');
  const title = `ready ${target.backend}/${target.server} on ${target.lb}`;
  const command = adminCommand(target.backend, target.server, 'ready');
  recordPlan(log, { preview: 'servers', id, title, kind: 'server-admin', changes: [], warnings: [], commands: [{ lb: target.lb, command, expect: 'ready' }], rollback: [{ lb: target.lb, command: adminCommand(target.backend, target.server, 'drain'), expect: 'drain' }] });
  log.append({ lb: target.lb, command, phase: 'send', plan: id });
  log.append({ lb: target.lb, command, reply: '\n', phase: 'reply', plan: id });
  log.append({ lb: target.lb, command: title, reply: 'VERIFIED', phase: 'outcome', plan: id });
  return title;
}

describe('HISTORY panel', () => {
  it('lists the log, shows an action, previews its undo and sends it through the write dialog', async () => {
    const clock = { now: NOW };
    const file = path.join(dir, 'one.jsonl');
    const target = readyServer(clock);
    const title = logAction(file, target, 'plan-one');
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    services.history = { ...historySource(file), planUndo };
    const app = await renderApp(services, { columns: 160, rows: 30 });
    await app.press('H');
    expect(app.frame()).toContain('HISTORY');
    expect(app.frame()).toMatch(new RegExp(`alice\\s+${target.lb}\\s+${title.replace(/[/.]/g, '\\$&')}\\s+${target.lb} VERIFIED\\s+yes`));

    await app.press(KEYS.enter);
    expect(app.frame()).toContain(`[${target.lb}] set server ${target.backend}/${target.server} state ready  → done`);
    expect(app.frame()).toMatch(/Way back:\s+\[\S+\] set server \S+ state drain/);
    await app.press(KEYS.esc);

    await app.press('u');
    expect(app.frame()).toContain(`undo: ${title}`);
    expect(app.frame()).toMatch(new RegExp(`\\[${target.lb}\\] set server ${target.backend}/${target.server} state drain`));
    expect(calls.apply).toEqual([]);
    clock.now += 1000; // past the confirm guard
    await app.press('y');
    expect(calls.apply.map((p) => [p.kind, p.undoOf, p.commands.map((c) => c.command)])).toEqual([['undo', 'plan-one', [`set server ${target.backend}/${target.server} state drain`]]]);
  });

  it('shows an action appended while the view is open, the cursor staying on the action it was on', async () => {
    const clock = { now: NOW };
    const file = path.join(dir, 'two.jsonl');
    const target = readyServer(clock);
    const title = logAction(file, target, 'plan-first');
    const { services } = fakeServices({ store: demoStore(clock), clock });
    services.history = { ...historySource(file), planUndo };
    const app = await renderApp(services, { columns: 160, rows: 30 });
    await app.press('H');
    expect(app.frame()).not.toContain('bob');
    appendFileSync(file, `${JSON.stringify({ time: new Date(Date.now() + 60_000).toISOString(), user: 'bob', lb: target.lb, command: 'set server x/y state maint', phase: 'send' })}\n`);
    await new Promise((r) => setTimeout(r, 1300)); // the view looks again every second
    const first = app.lines().find((l) => /^\d{4}-/.test(l));
    expect(first).toMatch(/bob\s+\S+\s+set server x\/y state maint\s+\S+ NO-REPLY\s+no/);
    // u acts on the action the cursor was on, not on the one that arrived above it.
    await app.press('u');
    expect(app.frame()).toContain(`undo: ${title}`);
  });

  it('read-only: u is refused and nothing is planned or sent', async () => {
    const clock = { now: NOW };
    const file = path.join(dir, 'three.jsonl');
    logAction(file, readyServer(clock), 'plan-ro');
    const { services, calls } = fakeServices({ store: demoStore(clock), clock, readOnly: true });
    services.history = { ...historySource(file), planUndo };
    const app = await renderApp(services, { columns: 160, rows: 30 });
    await app.press('H');
    await app.press('u');
    expect(app.frame()).toMatch(/READ-ONLY: u .*is disabled/);
    expect(app.frame()).not.toContain('PREVIEW');
    clock.now += 1000;
    await app.press('y');
    expect(calls.apply).toEqual([]);
  });
});
