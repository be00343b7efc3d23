// The follow of a node drain in the background (the TUI's progress view): sessions and queue read again until
// zero or the timeout, each reading handed to the view's listeners. The view opens at once with every row unread,
// and the regular polls wait for the first reading, which is what tells the operator the drain is under way.
import { drainTargets, waitForDrain, type DrainProgress, type DrainTarget } from '../actions/node-wait.js';
import type { Plan } from '../actions/types.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import type { NodeProgressUpdate } from '../ui/services.js';
import type { FleetRuntime } from './fleet-core.js';

export interface DrainFollow {
  /** Follows `plan`'s servers from now on; a newer drain replaces the one being followed. */
  follow(plan: Plan): void;
  subscribe(listener: (update: NodeProgressUpdate) => void): () => void;
  stop(): void;
}

/** A reading of nothing yet: what the progress view shows until the first one is in. */
function unread(targets: DrainTarget[], at: number): DrainProgress {
  return { at, rows: targets.map((t) => ({ ...t, scur: null, qcur: null })), left: null, done: false };
}

export function drainFollow(
  clients: ReadonlyMap<string, RuntimeApi>,
  fleet: Pick<FleetRuntime, 'hold'>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): DrainFollow {
  const listeners = new Set<(update: NodeProgressUpdate) => void>();
  let stopped = false;
  let generation = 0;
  return {
    follow(plan) {
      const mine = ++generation;
      const current = () => !stopped && mine === generation;
      const timeoutMs = options.timeoutMs ?? 300_000;
      const meta = plan.node!;
      // Shown as typed, with the machine it meant; `m` in the progress view acts on the machine (the address).
      const label = meta.asked !== undefined && meta.asked !== meta.name ? `${meta.asked} (${meta.name})` : meta.name;
      const base = { node: label, address: meta.name, action: meta.action === 'maint' ? ('maint' as const) : ('drain' as const), startedAt: Date.now(), timeoutMs };
      const targets = drainTargets(plan);
      // The progress view opens now, every row still unread ('?'), not once 500 LBs have answered a first time.
      listeners.forEach((l) => l({ ...base, progress: unread(targets, base.startedAt), finished: false }));
      let firstRead = () => {};
      void fleet.hold(new Promise<void>((resolve) => (firstRead = resolve)));
      void waitForDrain(clients, targets, {
        timeoutMs,
        intervalMs: options.intervalMs,
        stopped: () => !current(),
        onProgress: (progress) => {
          firstRead();
          if (current()) listeners.forEach((l) => l({ ...base, progress, finished: false }));
        },
      }).then((progress) => {
        firstRead();
        if (current()) listeners.forEach((l) => l({ ...base, progress, finished: true }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
    },
  };
}
