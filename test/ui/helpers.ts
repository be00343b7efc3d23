// Test support for the UI: real snapshots recorded from HAProxy 2.6.12 (fixtures/demo) parsed by the real
// parsers into the real FleetStore, and a fake of the AppServices boundary that records what would be sent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { planServerAdmin, planServerWeight } from '../../src/actions/server-admin.js';
import type { ApplyReport, LbOutcome, Plan } from '../../src/actions/types.js';
import { loadConfig } from '../../src/config/index.js';
import { buildKeymap } from '../../src/keymap/resolve.js';
import { COMMANDS } from '../../src/keymap/bindings.js';
import { userCommandDefs } from '../../src/keymap/user-keys.js';
import type { LbtopConfig } from '../../src/model/config.js';
import type { HaproxySnapshot, StatRow } from '../../src/model/haproxy.js';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { parseServersState } from '../../src/sources/haproxy/parse-servers-state.js';
import { parseStat } from '../../src/sources/haproxy/parse-stat.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { buildFleet } from '../../src/store/selectors.js';
import { parseTheme } from '../../src/theme/load.js';
import { App } from '../../src/ui/App.js';
import type { AppServices } from '../../src/ui/services.js';
import type { ViewId } from '../../src/ui/state/views.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = path.join(ROOT, 'fixtures/demo');
export const NOW = Date.UTC(2026, 9, 17, 3, 0, 0);

/** One recorded poll of one demo LB (fixtures/demo/<lb>/<frame>-*.txt, HAProxy 2.6.12). */
export function demoSnapshot(lb: string, frame: number, at: number = NOW): HaproxySnapshot {
  const read = (what: string) => readFileSync(path.join(DEMO, lb, `${frame}-${what}.txt`), 'utf8');
  return { info: parseInfo(read('info')), stats: parseStat(read('stat')), servers: parseServersState(read('servers-state')), at, latencyMs: 3 };
}

export function demoConfig(): LbtopConfig {
  // The recorded config names replay sockets; the UI never connects, so any absolute path will do.
  const text = readFileSync(path.join(DEMO, 'lbtop.yaml'), 'utf8').replace(/replay:(\S+?)(\s|\})/g, '/run/lbtop-test/$1.sock$2');
  const loaded = loadConfig(text);
  if (!loaded.config) throw new Error(`demo config: ${JSON.stringify(loaded.issues)}`);
  return loaded.config;
}

export const DEMO_LBS = ['homelab', 'lb-0', 'lb-1'];

export function demoStore(clock: { now: number }): FleetStore {
  const store = new FleetStore(DEMO_LBS.map((name) => ({ name, endpoint: `replay:${name}` })), { now: () => clock.now });
  for (const lb of DEMO_LBS) store.recordSuccess(lb, demoSnapshot(lb, 0, clock.now));
  return store;
}

/**
 * A snapshot with `count` servers (100 per backend), each a copy of a real recorded server row under a new
 * name, for the 10,000-server scrolling test.
 */
export function bigSnapshot(count: number, at: number = NOW): HaproxySnapshot {
  const base = demoSnapshot('lb-0', 0, at);
  const server = base.stats.find((r) => r.kind === 'server')!;
  const backend = base.stats.find((r) => r.kind === 'backend')!;
  const stats: StatRow[] = [];
  for (let b = 0; b * 100 < count; b += 1) {
    const proxy = `big-${String(b).padStart(3, '0')}`;
    for (let s = b * 100; s < Math.min(count, (b + 1) * 100); s += 1) stats.push({ ...server, proxy, name: `srv-${String(s).padStart(5, '0')}` });
    stats.push({ ...backend, proxy });
  }
  return { ...base, stats, servers: new Map() };
}

export interface Calls {
  apply: Plan[];
  rollback: ApplyReport[];
  raw: { lb: string; command: string }[];
}

/** The AppServices boundary: real store, fleet and plans; apply/rollback/runRaw record instead of sending. */
export function fakeServices(options: { store: FleetStore; config?: LbtopConfig; readOnly?: boolean; clock: { now: number }; failLb?: string }): { services: AppServices; calls: Calls } {
  const calls: Calls = { apply: [], rollback: [], raw: [] };
  const report = (plan: Plan): ApplyReport => {
    const outcomes: LbOutcome[] = [];
    const lbs = [...new Set(plan.commands.map((c) => c.lb))];
    let failed = false;
    for (const lb of lbs) {
      if (failed) outcomes.push({ lb, status: 'skipped', detail: 'not attempted: an earlier LB failed' });
      else if (lb === options.failLb) {
        failed = true;
        outcomes.push({ lb, status: 'failed', replies: ['No such server.'], error: 'No such server.' });
      } else outcomes.push({ lb, status: 'verified', replies: [''] });
    }
    const applied = outcomes.filter((o) => o.status === 'verified').map((o) => o.lb);
    return { plan, outcomes, ok: !failed, rollbackOffered: failed ? applied : [], leftOut: [] };
  };
  const services: AppServices = {
    store: options.store,
    config: options.config ?? demoConfig(),
    buildFleet,
    planServerAdmin,
    planServerWeight,
    apply: async (plan) => {
      calls.apply.push(plan);
      return report(plan);
    },
    rollback: async (r) => {
      calls.rollback.push(r);
      const commands = r.plan.rollback.filter((c) => r.rollbackOffered.includes(c.lb));
      return report({ ...r.plan, title: `roll back: ${r.plan.title}`, commands, rollback: [] });
    },
    runRaw: async (lb, command) => {
      calls.raw.push({ lb, command });
      return command === 'show info' ? readFileSync(path.join(DEMO, lb, '0-info.txt'), 'utf8') : '\n';
    },
    readOnly: options.readOnly ?? false,
    version: '0.1.0',
    now: () => options.clock.now,
  };
  return { services, calls };
}

export const KEYS = {
  down: '\x1b[B',
  up: '\x1b[A',
  pgdn: '\x1b[6~',
  pgup: '\x1b[5~',
  end: '\x1b[F',
  endTilde: '\x1b[4~',
  home: '\x1b[H',
  tab: '\t',
  shiftTab: '\x1b[Z',
  esc: '\x1b',
  enter: '\r',
  backspace: '\x7f',
  f4: '\x1bOS',
  f5: '\x1b[15~',
  f8: '\x1b[19~',
  f9: '\x1b[20~',
  f10: '\x1b[21~',
} as const;

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Lets React flush passive effects (listeners of a just-opened dialog attach in an effect). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

/** A plain (mono) theme so frames compare as text; colours are tested in test/theme. */
const PLAIN = parseTheme('plain', 'tokens: {}\n').theme;

/** Renders the App at a fixed terminal size and returns helpers to press keys and read the frame. */
export async function renderApp(services: AppServices, size = { columns: 120, rows: 30 }, initialView?: ViewId) {
  // As src/ui/run.ts builds it: the built-ins and lbtop.yaml's `commands:`.
  const keymap = buildKeymap({ readOnly: services.readOnly }, [...COMMANDS, ...userCommandDefs(services.userCommands?.commands ?? [])]);
  const ui = render(createElement(App, { services, keymap, theme: PLAIN, initialView }));
  Object.defineProperty(ui.stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(ui.stdout, 'rows', { value: size.rows, configurable: true });
  ui.stdout.emit('resize');
  await tick();
  await settle(); // the re-render at the new size (a loaded machine can take longer: tests that read at once wait)
  const frame = () => ui.lastFrame() ?? '';
  return {
    ...ui,
    frame,
    lines: () => frame().split('\n'),
    async press(...keys: string[]) {
      for (const key of keys) {
        ui.stdin.write(key);
        await tick();
        await settle();
      }
    },
    async type(text: string) {
      for (const ch of text) await this.press(ch);
    },
  };
}
