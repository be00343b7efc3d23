// The fleet-scale benchmark's terminal half: the real bin/lbtop with a config file listing every LB, in a private
// tmux 200x50, as an operator runs it. Measures the first complete screen from a cold start (every LB ok in the
// header and master1..3 on screen), whether any LB showed down/stale on the way, lbtop's RSS once settled, and
// `:node master1` through the keys: Enter → preview (planned), `y` → the progress view saying DRAINED on all.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawCommand } from '../../src/lab/haproxy-process.js';
import { treeCpuSeconds, treeMemory, waitGone } from './proc.js';
import { Tmux, type Pane } from './tmux.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Capture-pane strips nothing with -e; the tests on the text need it plain.
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TuiResult {
  firstScreenMs: number;
  /** Captures during the start that showed an LB down or stale in the header. */
  failedAtStart: string[];
  rssMb: number;
  peakMb: number;
  cpuPercent: number;
  planMs: number[];
  drainMs: number[];
  /** The last drain's screen, for the report. */
  drainScreen: string;
  firstScreen: string;
}

export async function measureTui(opts: { yaml: string; lbs: number; sockets: string[]; stateDir: string; drains: number; settleSeconds: number; log: (line: string) => void }): Promise<TuiResult> {
  const tmux = await Tmux.start(200, 50);
  let pane: Pane | undefined;
  try {
    pane = await tmux.launch(['env', '-u', 'CI', `XDG_STATE_HOME=${opts.stateDir}`, path.join(ROOT, 'bin/lbtop'), '-c', opts.yaml, '-i', '1']);
    const allOk = new RegExp(`${opts.lbs} LBs?: ${opts.lbs} ok`);
    const failedAtStart: string[] = [];
    let screen = '';
    for (;;) {
      screen = plain((await tmux.capture(pane)).text);
      const complete = (opts.lbs === 1 ? /k8s-\d+ ok/.test(screen) : allOk.test(screen)) && /master3\s+UP/.test(screen);
      if (complete) break;
      const bad = /\d+ (down|stale)/.exec(screen) ?? /(DOWN|STALE)/.exec(screen.split('\n')[1] ?? '');
      if (bad) failedAtStart.push(screen.split('\n')[1] ?? '');
      if (performance.now() - pane.spawnedAt > 120_000 || (await tmux.isDead(pane))) throw new Error(`no complete screen:\n${plain((await tmux.capture(pane, true)).text)}`);
      await sleep(20);
    }
    const firstScreenMs = performance.now() - pane.spawnedAt;
    opts.log(`  TUI: first complete screen ${firstScreenMs.toFixed(0)} ms`);
    await sleep(opts.settleSeconds * 1000);
    const cpu0 = treeCpuSeconds(pane.pid);
    const t0 = performance.now();
    await sleep(10_000);
    const cpuPercent = ((treeCpuSeconds(pane.pid) - cpu0) / ((performance.now() - t0) / 1000)) * 100;
    const planMs: number[] = [];
    const drainMs: number[] = [];
    let drainScreen = '';
    for (let i = 0; i < opts.drains; i++) {
      // A drain that times out ends the drains (its time is missing from the medians), not the size's other numbers.
      // The screen it stopped on says why: its top (header, a dialog) and its foot (the flash line, the prompt).
      const failed = (error: Error) => {
        const lines = error.message.split('\n').filter((line) => line.trim() !== '');
        opts.log(`  TUI drain ${i + 1} failed: ${[...lines.slice(0, 8), '…', ...lines.slice(-4)].join('\n    ')}`);
      };
      const ok = await drainOnce(i).then(() => true, (error: Error) => (failed(error), false));
      if (!ok) break;
    }
    async function drainOnce(i: number) {
      await tmux.sendKey(pane!, ':');
      await tmux.command('send-keys', '-t', pane!.id, '-l', 'node master1');
      const enter = await tmux.sendKey(pane!, 'Enter');
      await until(tmux, pane!, /PREVIEW: drain node master1/, 60_000);
      planMs.push(performance.now() - enter);
      await sleep(500); // the preview is read before `y` is taken
      const yes = await tmux.sendKey(pane!, 'y');
      drainScreen = await until(tmux, pane!, /drain master1[^:\n]*: DRAINED, no sessions or queue left/, 60_000);
      drainMs.push(performance.now() - yes);
      opts.log(`  TUI drain ${i + 1}: preview ${planMs.at(-1)!.toFixed(0)} ms, DRAINED on screen ${drainMs.at(-1)!.toFixed(0)} ms after y`);
      await tmux.sendKey(pane!, 'Escape');
      // Back to ready behind lbtop's back (every socket directly), then let lbtop see it.
      await Promise.all(opts.sockets.map((s) => rawCommand(s, 'set server api-backend/master1 state ready')));
      await sleep(3000);
    }
    const memory = treeMemory(pane.pid);
    return { firstScreenMs, failedAtStart, rssMb: memory.rssMb, peakMb: memory.peakMb, cpuPercent, planMs, drainMs, drainScreen, firstScreen: screen };
  } finally {
    if (pane) {
      await tmux.killPane(pane);
      await waitGone(pane.pid).catch(() => undefined);
    }
    tmux.close();
  }
}

async function until(tmux: Tmux, pane: Pane, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const screen = plain((await tmux.capture(pane)).text);
    if (pattern.test(screen)) return screen;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${screen}`);
    await sleep(10);
  }
}
