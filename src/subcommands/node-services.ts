// The TUI's node drain and snapshot, wired by the composition root: the same planner, record and fan-out as
// `lbtop node`, plus a background follow of the drain (sessions and queue to zero) that the UI subscribes to.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { applyPlanFanout } from '../actions/apply-fanout.js';
import { admit, type ApplyDeps } from '../actions/apply.js';
import { planNode, type NodeRequest } from '../actions/node-plan.js';
import { clearNodeRecord, defaultNodeDir, readNodeRecord, saveNodeRecord } from '../actions/node-record.js';
import { drainTargets, waitForDrain, type DrainProgress, type DrainTarget } from '../actions/node-wait.js';
import type { ApplyReport, Plan } from '../actions/types.js';
import type { Fleet } from '../model/fleet.js';
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import { buildFleet } from '../store/selectors.js';
import { lbGroupsOf } from './node-scope.js';
import { resolveHost } from '../transport/dns.js';
import { mapBgpNodes } from '../store/bgp-nodes.js';
import type { BgpNodesService } from '../ui/services.js';

/** One step of a follow; `startedAt` tells one drain's follow from the next (the progress view opens on a new one). */
type Update = { node: string; address: string; progress: DrainProgress; finished: boolean; action: 'drain' | 'maint'; startedAt: number; timeoutMs: number };

export interface NodeServicesOptions {
  nodeDir?: string;
  snapshotDir?: string;
  drainTimeoutMs?: number;
  /** Time between two reads of the drained servers (default 1 s). */
  drainIntervalMs?: number;
  /** BGP routes from BIRD on the LBs: a NODE may name a Kubernetes node (its last readings are used). */
  bgp?: BgpNodesService;
}

/** A reading of nothing yet: what the progress view shows until the first one is in. */
function unread(targets: DrainTarget[], at: number): DrainProgress {
  return { at, rows: targets.map((t) => ({ ...t, scur: null, qcur: null })), left: null, done: false };
}

export function defaultSnapshotDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultNodeDir(env)), 'snapshots');
}

export function nodeServices(config: LbtopConfig, runtime: FleetRuntime, deps: ApplyDeps, options: NodeServicesOptions = {}) {
  const dir = options.nodeDir ?? defaultNodeDir();
  const listeners = new Set<(update: Update) => void>();
  let stopped = false;
  let generation = 0;
  const follow = (plan: Plan) => {
    const mine = ++generation; // a newer drain replaces the one being followed
    const timeoutMs = options.drainTimeoutMs ?? 300_000;
    const meta = plan.node!;
    // Shown as typed, with the machine it meant; `m` in the progress view acts on the machine (the address).
    const label = meta.asked !== undefined && meta.asked !== meta.name ? `${meta.asked} (${meta.name})` : meta.name;
    const base = { node: label, address: meta.name, action: meta.action === 'maint' ? ('maint' as const) : ('drain' as const), startedAt: Date.now(), timeoutMs };
    const targets = drainTargets(plan);
    // The progress view opens now, every row still unread ('?'), not once 500 LBs have answered a first time.
    listeners.forEach((l) => l({ ...base, progress: unread(targets, base.startedAt), finished: false }));
    // The regular polls wait for that first reading: it is what tells the operator the drain is under way.
    let firstRead = () => {};
    void runtime.hold(new Promise<void>((resolve) => (firstRead = resolve)));
    void waitForDrain(deps.clients, targets, {
      timeoutMs,
      intervalMs: options.drainIntervalMs,
      stopped: () => stopped || mine !== generation,
      onProgress: (progress) => {
        firstRead();
        if (!stopped && mine === generation) listeners.forEach((l) => l({ ...base, progress, finished: false }));
      },
    }).then((progress) => {
      firstRead();
      if (!stopped && mine === generation) listeners.forEach((l) => l({ ...base, progress, finished: true }));
    });
  };
  return {
    planNode: (fleet: Fleet, request: NodeRequest): Plan => {
      const readings = options.bgp?.last();
      const bgp = request.bgp ?? (readings && options.bgp ? mapBgpNodes(fleet, readings, options.bgp.names) : null);
      return planNode(fleet, { ...request, bgp }, lbGroupsOf(config), request.action === 'ready' ? (key: string) => readNodeRecord(dir, key) : null);
    },
    /** A hostname NODE's addresses (the TUI asks when no server carries the name). */
    resolveHost,
    async applyNode(plan: Plan): Promise<ApplyReport> {
      const meta = plan.node!;
      // Refused (read-only, an unreachable LB not left out) before the record is written, not after.
      admit(plan, deps);
      if (meta.action !== 'ready') saveNodeRecord(dir, meta.name, meta.action, plan);
      const report = await applyPlanFanout(plan, deps);
      if (meta.action === 'ready' && report.ok) clearNodeRecord(dir, meta.name);
      if (meta.action !== 'ready' && report.ok) follow(plan);
      return report;
    },
    async snapshot(): Promise<string> {
      // The snapshot's writer (and the status texts it holds) loads with the first snapshot, not at start.
      const { buildSnapshot, snapshotText, writeSnapshotFiles } = await import('./snapshot.js');
      const snapDir = options.snapshotDir ?? defaultSnapshotDir();
      mkdirSync(snapDir, { recursive: true, mode: 0o700 });
      const state = runtime.store.getState();
      const at = new Date();
      const snap = buildSnapshot(buildFleet(config, state.lbs), state.events, deps.audit.records, at);
      const file = path.join(snapDir, `lbtop-snapshot-${at.toISOString().replace(/[:.]/g, '-')}.json`);
      return writeSnapshotFiles(file, snap, snapshotText(snap)).json;
    },
    nodeProgress: {
      subscribe(listener: (update: Update) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    stop() {
      stopped = true;
    },
  };
}
