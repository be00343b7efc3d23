// After a node drain: watch current sessions and queue of every drained (LB, backend, server) fall to zero.
// One `show stat -1 4 -1` (servers only) per LB per tick, LBs in parallel; a tick that fails on an LB keeps
// that LB's last numbers and says so, it never ends the wait early or hides the others.
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { parseStat } from '../sources/haproxy/parse-stat.js';
import type { Plan } from './types.js';

export interface DrainTarget {
  lb: string;
  backend: string;
  server: string;
}

export interface DrainProgress {
  at: number;
  rows: (DrainTarget & { scur: number | null; qcur: number | null; error?: string })[];
  /** Sessions + queue left over every target; null while some target has never been read. */
  left: number | null;
  done: boolean;
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  onProgress?(progress: DrainProgress): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Checked between ticks: true ends the wait (lbtop is quitting). */
  stopped?: () => boolean;
}

export function drainTargets(plan: Plan): DrainTarget[] {
  return plan.changes.filter((c) => c.to === 'drain' || c.to === 'maint').map((c) => ({ lb: c.lb, backend: c.backend, server: c.server }));
}

export async function readDrainProgress(clients: ReadonlyMap<string, RuntimeApi>, targets: readonly DrainTarget[], previous?: DrainProgress, now = Date.now): Promise<DrainProgress> {
  const lbs = [...new Set(targets.map((t) => t.lb))];
  const byLb = new Map<string, { rows: Map<string, { scur: number | null; qcur: number | null }> } | { error: string }>();
  await Promise.all(
    lbs.map(async (lb) => {
      try {
        const rows = parseStat(await clients.get(lb)!.send('show stat -1 4 -1'));
        byLb.set(lb, { rows: new Map(rows.filter((r) => r.kind === 'server').map((r) => [`${r.proxy}/${r.name}`, { scur: r.scur, qcur: r.qcur }])) });
      } catch (error) {
        byLb.set(lb, { error: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  const rows = targets.map((t) => {
    const got = byLb.get(t.lb)!;
    if ('error' in got) {
      const last = previous?.rows.find((r) => r.lb === t.lb && r.backend === t.backend && r.server === t.server);
      return { ...t, scur: last?.scur ?? null, qcur: last?.qcur ?? null, error: got.error };
    }
    const row = got.rows.get(`${t.backend}/${t.server}`);
    return { ...t, scur: row?.scur ?? null, qcur: row?.qcur ?? null, ...(row ? {} : { error: 'server no longer listed' }) };
  });
  const known = rows.every((r) => r.scur !== null && !r.error);
  const left = known ? rows.reduce((sum, r) => sum + (r.scur ?? 0) + (r.qcur ?? 0), 0) : null;
  return { at: now(), rows, left, done: left === 0 };
}

/** Resolves with the last progress: done, or not done when the timeout came first. */
export async function waitForDrain(clients: ReadonlyMap<string, RuntimeApi>, targets: readonly DrainTarget[], options: WaitOptions): Promise<DrainProgress> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + options.timeoutMs;
  let progress: DrainProgress | undefined;
  for (;;) {
    progress = await readDrainProgress(clients, targets, progress, now);
    options.onProgress?.(progress);
    if (progress.done || now() >= deadline || options.stopped?.()) return progress;
    await sleep(Math.min(options.intervalMs ?? 1000, Math.max(0, deadline - now())));
  }
}

export function formatProgress(p: DrainProgress): string {
  const lines = [`${p.done ? 'drained' : `${p.left ?? '?'} session(s)/queued left`} at ${new Date(p.at).toISOString()}`];
  for (const r of p.rows) {
    lines.push(`  ${r.lb}  ${r.backend}/${r.server}  scur ${r.scur ?? '?'}  qcur ${r.qcur ?? '?'}${r.error ? `  (${r.error})` : ''}`);
  }
  return lines.join('\n');
}
