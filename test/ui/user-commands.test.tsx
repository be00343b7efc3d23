// User commands in the TUI (real store from the demo's recorded snapshots, real commands run here): a key on a
// server row runs with the row's values or says which one it lacks, a confirm: true command previews each argv
// word in the one dialog first, the OUTPUT panel shows what it printed, and a node drain held by a failed
// before-hook reopens its preview, from which y sends the drain without running the hook again.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { heldReport } from '../../src/actions/node-hooks.js';
import { planNode } from '../../src/actions/node-plan.js';
import type { UserRunResult } from '../../src/actions/user-command.js';
import { userCommandReport } from '../../src/actions/user-command-plan.js';
import { loadConfig } from '../../src/config/load.js';
import { createUserCommandRuntime } from '../../src/runtime/user-command-runtime.js';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

const COMMANDS = `lbs:\n  x: { haproxy: { socket: /x } }
commands:
  - { name: show, key: Y, scope: server, confirm: false, dangerous: false, command: [echo, "$BACKEND/$SERVER", "on $LB"] }
  - { name: rec, key: C, scope: server, description: Record the server, command: [echo, "got", $SERVER] }
`;

function setup() {
  const clock = { now: NOW };
  const { services, calls } = fakeServices({ store: demoStore(clock), clock });
  const commands = loadConfig(COMMANDS).config!.commands!;
  services.config = { ...services.config, commands };
  const runtime = createUserCommandRuntime(services.config, openAuditLog(null));
  services.userCommands = runtime;
  const record = services.apply;
  // The boundary as tui-services.ts wires it: a user-command plan runs its command.
  services.apply = (plan) => (plan.kind === 'user-command' ? runtime.run(plan.user!.invocation, plan.user!.lb).then((r) => userCommandReport(plan, r)) : record(plan));
  return { services, calls, clock };
}

async function select(app: Awaited<ReturnType<typeof renderApp>>, name: string) {
  await app.press(':');
  await app.type(name);
  await app.press(KEYS.enter);
}

const until = async (app: Awaited<ReturnType<typeof renderApp>>, test: (frame: string) => boolean) => {
  for (let i = 0; i < 200 && !test(app.frame()); i++) await new Promise((r) => setTimeout(r, 20));
  return app.frame();
};

describe('user commands in the TUI', () => {
  it('says which value the row lacks; with one LB targeted it runs at once and the OUTPUT panel shows it', async () => {
    const { services } = setup();
    const app = await renderApp(services, { columns: 140, rows: 40 });
    // The hints need the 140 columns; on a loaded machine the re-render after the resize can come a moment later.
    expect(await until(app, (f) => /Y show/.test(f))).toMatch(/Y show/);
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('Y');
    expect(app.frame()).toContain('show: $LB unknown for this selection');
    await app.press('a'); // the write keys act on one LB now
    await app.press('Y');
    const frame = await until(app, (f) => /OUTPUT — show/.test(f) && /show: exit 0/.test(f));
    expect(frame).toMatch(/\$ echo k8s-http-ingress\/ingress1 'on homelab'/);
    expect(frame).toMatch(/^k8s-http-ingress\/ingress1 on homelab$/m);
    await app.press(KEYS.esc);
    expect(app.frame()).not.toContain('OUTPUT — show');
    expect(app.frame()).toMatch(/ingress1/);
  });

  it('a confirm: true command previews each word, runs on y and opens the OUTPUT panel', async () => {
    const { services, clock } = setup();
    const app = await renderApp(services, { columns: 140, rows: 40 });
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('C');
    const preview = app.frame();
    expect(preview).toContain('PREVIEW: run rec here');
    expect(preview).toMatch(/ 2 {2}ingress1/);
    expect(services.userCommands!.runs()).toEqual([]);
    clock.now += 1000;
    await app.press('y');
    // The preview itself shows "echo got ingress1": wait for the OUTPUT panel, which comes when the command is done.
    const frame = await until(app, (f) => /OUTPUT — rec/.test(f));
    expect(frame).toContain('OUTPUT — rec');
    expect(frame).toMatch(/^got ingress1$/m);
    expect(services.userCommands!.runs().map((r) => r.result?.outcome)).toEqual(['done']);
  });

  it('a drain held by a failed before-hook reopens its preview; y then sends it without the hook', async () => {
    const { services, calls, clock } = setup();
    const failed: UserRunResult = { name: 'cordon', argv: ['kubectl', 'cordon', 'ingress1'], line: 'kubectl cordon ingress1', where: 'local', outcome: 'failed', code: 1, signal: null, stdout: '', stderr: 'error: nodes "ingress1" not found\n', truncated: false, durationMs: 40 };
    services.planNode = (fleet, request) => planNode(fleet, request);
    const record = services.apply;
    services.apply = async (plan) => (plan.kind === 'node' && plan.hooksRun === undefined ? heldReport(plan, [failed]) : record(plan));
    const app = await renderApp(services, { columns: 160, rows: 45 });
    await select(app, 'node ingress1'); // the demo's servers have no machine address: the node by name
    expect(app.frame()).toContain('PREVIEW: drain node');
    clock.now += 1000;
    await app.press('y');
    const again = await until(app, (f) => /before-hook failed/.test(f));
    expect(again).toContain('PREVIEW: drain node');
    expect(again).toContain('before-hook failed: cordon: exit 1');
    expect(again).toContain('nodes "ingress1" not found');
    expect(calls.apply).toEqual([]);
    clock.now += 1000;
    await app.press('y');
    await until(app, (f) => /DONE: drain node/.test(f));
    expect(calls.apply).toHaveLength(1);
    expect(calls.apply[0]!.hooksRun).toEqual([failed]);
  });
});
