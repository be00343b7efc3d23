// `on: {node-drain: before|after}`: `lbtop node drain` runs the operator's command (kubectl cordon $NODE here: a
// program recording its argv) before the drain is sent to a real HAProxy and after it is verified; a failing
// before-hook holds the drain back (nothing sent; --yes does not go on, a terminal y does, without running the
// hook again), and the hooks' outcomes are in the report and the audit log, in order.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { runNodeCommand } from '../../src/subcommands/node-command.js';
import { createNodeService } from '../../src/runtime/node-service.js';
import { loadConfig } from '../../src/config/load.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { createFleetRuntime, type FleetRuntime } from '../../src/runtime/fleet-runtime.js';
import { createUserCommandRuntime } from '../../src/runtime/user-command-runtime.js';
import type { LbtopConfig } from '../../src/model/config.js';

const HAPROXY = `
global
  stats socket @SOCKET@ mode 600 level admin
defaults
  timeout connect 1s
  timeout client 5s
  timeout server 5s
backend be_http
  server worker1 127.0.0.1:1
  server worker2 127.0.0.2:1
backend be_api
  server worker1 127.0.0.1:2
`;

// Appends its argv (JSON) to a file: the hook's record of what it was given, and of each time it ran.
const RECORD = `require("fs").appendFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)) + "\\n"); process.exit(Number(process.env.EXIT || 0))`;

describe('node-drain hooks', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-hooks-'));
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    haproxy = await startHaproxy({ name: 'lb1', dir, config: HAPROXY });
  });
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function setup(name: string, beforeExit: number) {
    const file = path.join(dir, `${name}.log`);
    const node = JSON.stringify(process.execPath);
    // The before-hook through sh -c (shell: true): $NODE reaches it as an environment variable.
    const cordon = JSON.stringify(`EXIT=${beforeExit} exec ${process.execPath} -e '${RECORD}' ${file} cordon "$NODE"`);
    const { config, issues } = loadConfig(`
lbs:
  lb1: { haproxy: { socket: ${haproxy.socket} } }
commands:
  - { name: cordon, scope: node, on: { node-drain: before }, shell: true, command: ${cordon} }
  - { name: notify, key: C, scope: node, on: { node-drain: after }, command: [${node}, -e, ${JSON.stringify(RECORD)}, ${JSON.stringify(file)}, after, $NODE, $ADDRESS] }
`);
    expect(issues).toEqual([]);
    const runtime: FleetRuntime = createFleetRuntime(config!);
    const audit = openAuditLog(path.join(dir, `${name}-audit.jsonl`));
    const out: string[] = [];
    const answers: boolean[] = [];
    const io = {
      node: createNodeService(runtime.hosts, runtime, audit, { nodeDir: path.join(dir, `${name}-nodes`), hooks: createUserCommandRuntime(config!, audit) }),
      out: (t: string) => out.push(t),
      err: () => undefined,
      confirm: async () => answers.shift() ?? false,
    };
    const drain = (yes: boolean) => runNodeCommand({ kind: 'node', action: 'drain', node: 'worker1', wait: false, timeoutSec: 5, dryRun: false, yes, json: false }, config as LbtopConfig, runtime, io);
    const runs = () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : []);
    const audited = () => readFileSync(path.join(dir, `${name}-audit.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; phase: string; reply?: string });
    const admin = async () => (await runtime.clients.get('lb1')!.send('show servers state be_http')).split('\n').find((l) => l.split(' ')[3] === 'worker1')!.split(' ')[6];
    return { runtime, out, answers, drain, runs, audited, admin };
  }

  it('cordons before the drain is sent and notifies after it is verified, in that order, with $NODE', async () => {
    const t = setup('ok', 0);
    try {
      expect(await t.drain(true)).toBe(0);
      expect(t.runs()).toEqual([['cordon', 'worker1'], ['after', 'worker1', '127.0.0.1']]);
      const text = t.out.join('');
      expect(text).toMatch(/User commands around the drain \(lbtop.yaml on: node-drain\)\n {2}before: cordon .* — if it fails, nothing is sent\n {2}after: notify/);
      expect(text).toMatch(/user command cordon: exit 0 in [\d.]+ s \(local\)/);
      const order = t.audited().filter((r) => r.phase === 'send').map((r) => (r.command.startsWith('set server') ? 'drain' : r.command.includes('cordon') ? 'cordon' : 'after'));
      expect(order).toEqual(['cordon', 'drain', 'drain', 'after']);
      expect(await t.admin()).toBe('8'); // SRV_ADMF_FDRAIN
    } finally {
      await t.runtime.clients.get('lb1')!.send('set server be_http/worker1 state ready');
      await t.runtime.clients.get('lb1')!.send('set server be_api/worker1 state ready');
      t.runtime.stop();
    }
  });

  it('a failed before-hook holds the drain back: --yes stops, a terminal y goes on without running it again', async () => {
    const t = setup('fail', 3);
    try {
      expect(await t.drain(true)).not.toBe(0);
      expect(t.out.join('')).toMatch(/lb1\s+skipped\n {4}not sent: before-hook cordon failed[\s\S]*user command cordon: exit 3[\s\S]*cancelled: nothing was sent/);
      expect(await t.admin()).toBe('0');
      expect(t.audited().some((r) => r.command.startsWith('set server'))).toBe(false);
      expect(t.runs()).toEqual([['cordon', 'worker1']]);

      t.out.length = 0;
      t.answers.push(true, true); // the preview's question, then "send the drain anyway?"
      expect(await t.drain(false)).toBe(0);
      expect(await t.admin()).toBe('8');
      // The second drain ran the failing hook once (held), then went on without it: two cordons in all, then after.
      expect(t.runs()).toEqual([['cordon', 'worker1'], ['cordon', 'worker1'], ['after', 'worker1', '127.0.0.1']]);
    } finally {
      await t.runtime.clients.get('lb1')!.send('set server be_http/worker1 state ready');
      await t.runtime.clients.get('lb1')!.send('set server be_api/worker1 state ready');
      t.runtime.stop();
    }
  });
});
