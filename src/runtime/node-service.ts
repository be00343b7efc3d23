// Node actions (drain, maint, ready of a machine on every LB), one service for `lbtop node|nodes|snapshot` and the
// TUI's N, `:node NAME`, progress view and snapshot key: the planner with the LB groups, BGP nodes and the hooks in
// its preview; the apply with the node record saved before anything is sent, the operator's before/after hooks
// around it (a failed before-hook holds the drain back) and the record cleared by a verified `ready`; the drain
// followed to zero sessions, in the foreground (`--wait`) or in the background for the progress view.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { applyPlanFanout, rollbackFanout, type FanoutOptions } from '../actions/apply-fanout.js';
import { admit, type ApplyDeps } from '../actions/apply.js';
import type { AuditLog } from '../actions/audit-log.js';
import { planNode, resolveRequest, wantsHostLookup, type NodeRequest } from '../actions/node-plan.js';
import { clearNodeRecord, defaultNodeDir, readNodeRecord, saveNodeRecord } from '../actions/node-record.js';
import { drainTargets, waitForDrain, type DrainProgress } from '../actions/node-wait.js';
import type { ApplyReport, Plan } from '../actions/types.js';
import type { Fleet } from '../model/fleet.js';
import { mapBgpNodes } from '../store/bgp-nodes.js';
import { addressArgument } from '../store/nodes.js';
import { buildFleet } from '../store/selectors.js';
import { resolveHost, type HostResolver } from '../transport/dns.js';
import type { BgpNodesService, NodeProgressUpdate } from '../ui/services.js';
import type { BgpNodeReader } from './bgp-nodes-runtime.js';
import type { FleetRuntime } from './fleet-core.js';
import type { Hosts } from './hosts.js';
import { drainFollow } from './node-follow.js';
import { drainWithHooks, withHookLines } from './node-drain-hooks.js';
import { lbGroupsOf } from './node-scope.js';
import type { UserCommandRuntime } from './user-command-runtime.js';

/**
 * BGP routes from BIRD on the LBs: a NODE may name a Kubernetes node. `lbtop node` reads them for its plan (map),
 * the TUI plans from the last readings of its NODES view (last, names).
 */
export type NodeBgp = Pick<BgpNodeReader, 'lbs' | 'read'> & Partial<Pick<BgpNodeReader, 'map'>> & Partial<Pick<BgpNodesService, 'last' | 'names'>>;

export interface NodeServiceOptions {
  /** Where node records live (default: under XDG_STATE_HOME; tests pass a temp dir). */
  nodeDir?: string;
  snapshotDir?: string;
  /** The background follow's timeout (default 5 minutes) and the time between two of its reads (default 1 s). */
  drainTimeoutMs?: number;
  drainIntervalMs?: number;
  bgp?: NodeBgp;
  /** The operator's commands, for the node-drain hooks (`on: {node-drain: …}`). */
  hooks?: UserCommandRuntime;
  /** Resolves a hostname NODE (default: getaddrinfo on this machine). */
  resolveHost?: HostResolver;
}

export interface NodeService {
  /** The BGP reader when one was given (`lbtop nodes`). */
  readonly bgp: NodeBgp | undefined;
  /** The request with what a NODE by name needs read first: its BGP routes (no address), a hostname's addresses. */
  request(fleet: Fleet, asked: NodeRequest): Promise<NodeRequest>;
  /** The plan against `fleet` (the one on screen, in the TUI); BGP from the request, else the last readings. */
  planNode(fleet: Fleet, request: NodeRequest): Plan;
  resolveHost: HostResolver;
  /**
   * Sends a confirmed node plan. A verified drain or maint is then followed in the background for the progress
   * view (nodeProgress), unless `follow: false` (`lbtop node`, which follows in the foreground with --wait).
   */
  applyNode(plan: Plan, options?: FanoutOptions & { follow?: boolean }): Promise<ApplyReport>;
  rollback(report: ApplyReport): Promise<ApplyReport>;
  /** Follows the drained servers to zero sessions and queue, or the timeout (`--wait`). */
  wait(plan: Plan, options: { timeoutMs: number; onProgress?(progress: DrainProgress): void }): Promise<DrainProgress>;
  /** Writes the incident snapshot (to `file`, else a new file in the snapshot dir) from the store as it is now. */
  snapshot(file?: string): Promise<{ json: string; text: string; ok: boolean }>;
  nodeProgress: { subscribe(listener: (update: NodeProgressUpdate) => void): () => void };
  stop(): void;
}

export function defaultSnapshotDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultNodeDir(env)), 'snapshots');
}

export function createNodeService(
  hosts: Pick<Hosts, 'config'>,
  fleet: Pick<FleetRuntime, 'clients' | 'store' | 'hold'>,
  audit: AuditLog,
  options: NodeServiceOptions = {},
): NodeService {
  const { config } = hosts;
  const dir = options.nodeDir ?? defaultNodeDir();
  const deps: ApplyDeps = { clients: fleet.clients, audit };
  const scope = lbGroupsOf(config);
  const resolve = options.resolveHost ?? resolveHost;
  const { bgp, hooks } = options;
  const following = drainFollow(fleet.clients, fleet, { timeoutMs: options.drainTimeoutMs, intervalMs: options.drainIntervalMs });
  return {
    bgp,
    async request(fleetNow, asked) {
      // A NODE that is no address may name a Kubernetes node BIRD learns pod prefixes from: read them first.
      const routes = bgp?.map && bgp.lbs.length > 0 && addressArgument(asked.node) === null ? await bgp.map(fleetNow) : null;
      const request = { ...asked, ...(routes ? { bgp: routes } : {}) };
      if (!wantsHostLookup(resolveRequest(fleetNow, request, scope), request)) return request;
      return { ...request, resolved: await resolve(request.node) };
    },
    planNode(fleetNow, request) {
      const readings = bgp?.last?.();
      const routes = request.bgp ?? (readings && bgp?.names ? mapBgpNodes(fleetNow, readings, bgp.names) : null);
      const records = request.action === 'ready' ? (key: string) => readNodeRecord(dir, key) : null;
      return withHookLines(planNode(fleetNow, { ...request, bgp: routes }, scope, records), hooks);
    },
    resolveHost: resolve,
    async applyNode(plan, { follow = true, ...fanout } = {}) {
      const meta = plan.node!;
      // Refused (read-only, an unreachable LB not left out) before the record is written, not after. Saved before
      // sending: if lbtop dies mid-apply, `ready` still knows where to go back to.
      admit(plan, deps);
      const report = await drainWithHooks(plan, hooks, () => {
        if (meta.action !== 'ready') saveNodeRecord(dir, meta.name, meta.action, plan);
        return applyPlanFanout(plan, deps, fanout);
      });
      if (report.held) return report;
      if (meta.action === 'ready' && report.ok) clearNodeRecord(dir, meta.name);
      if (follow && meta.action !== 'ready' && report.ok) following.follow(plan);
      return report;
    },
    rollback: (report) => rollbackFanout(report, deps),
    wait: (plan, { timeoutMs, onProgress }) => waitForDrain(fleet.clients, drainTargets(plan), { timeoutMs, ...(onProgress ? { onProgress } : {}) }),
    async snapshot(file) {
      // The snapshot's writer (and the status texts it holds) loads with the first snapshot, not at start.
      const { buildSnapshot, snapshotText, writeSnapshotFiles } = await import('../subcommands/snapshot.js');
      const at = new Date();
      let to = file;
      if (to === undefined) {
        const snapDir = options.snapshotDir ?? defaultSnapshotDir();
        mkdirSync(snapDir, { recursive: true, mode: 0o700 });
        to = path.join(snapDir, `lbtop-snapshot-${at.toISOString().replace(/[:.]/g, '-')}.json`);
      }
      const state = fleet.store.getState();
      const snap = buildSnapshot(buildFleet(config, state.lbs), state.events, audit.records, at);
      return { ...writeSnapshotFiles(to, snap, snapshotText(snap)), ok: snap.lbs.every((lb) => lb.ok) };
    },
    nodeProgress: { subscribe: following.subscribe },
    stop: following.stop,
  };
}
