// The VIPS/BGP views' services for a real run: the failover runtime's store, and plans built on a fresh read of
// every failover source and of HAProxy (so the preview shows what is true now), applied through the same code
// as `lbtop vip move` and `lbtop bgp`. Read-only runs get plans that refuse.
import { applyBgp, planBgp } from '../actions/failover/bgp.js';
import { applyFailover } from '../actions/failover/apply.js';
import type { FailoverContext } from '../actions/failover/context.js';
import { applyLbBatch, planLbBack, planLbBatch } from '../actions/failover/lb-batch.js';
import type { FailoverPlan } from '../actions/failover/types.js';
import { planVipMove } from '../actions/failover/vip-move.js';
import { planWayBack } from '../actions/failover/way-back.js';
import type { AuditLog } from '../actions/audit-log.js';
import type { LbtopConfig } from '../model/config.js';
import type { Fleet } from '../model/fleet.js';
import type { PeersReading } from '../model/tables.js';
import type { FailoverServices } from '../ui/failover/failover-services.js';
import type { FailoverRuntime } from './failover-runtime.js';

export interface FailoverUiDeps {
  config: LbtopConfig;
  failover: FailoverRuntime;
  /** Refreshes HAProxy and returns the fleet, for the standby pre-check. */
  fleet(): Promise<Fleet | null>;
  /** `show peers` of the failover LBs, for the peers check of a VIP move (absent: not checked). */
  peers?(): Promise<PeersReading[]>;
  audit: AuditLog;
}

export function createFailoverServices(deps: FailoverUiDeps): FailoverServices {
  const { config, failover, audit } = deps;
  // A replayed failover stack (the demo without user namespaces) has read-only runners under a writable config.
  const why = config.readOnly ? 'lbtop runs read-only (-n / read_only)' : [...failover.runners.values()].some((r) => r.readOnly) ? 'these hosts are a recorded replay (read-only)' : null;
  const readOnly = <P extends { refused: string | null }>(plan: P): P => (why && !plan.refused ? { ...plan, refused: why } : plan);
  const context = async (): Promise<FailoverContext> => {
    const [fleet, peers] = await Promise.all([deps.fleet(), deps.peers?.(), failover.refresh()]);
    const s = failover.store.getState();
    return { config, hosts: s.hosts, vips: s.vips, fleet, ...(peers ? { peers } : {}) };
  };
  const after = async <T>(work: Promise<T>) => {
    const result = await work;
    await failover.refresh();
    return result;
  };
  const apply = (plan: FailoverPlan) => after(applyFailover(plan, { runners: failover.runners, files: failover.files, audit, lbs: config.lbs }));
  return {
    getState: () => failover.store.getState(),
    subscribe: (listener) => failover.store.subscribe(listener),
    planMove: async (request) => readOnly(planVipMove(await context(), request)),
    apply,
    wayBack: async (report) => {
      const plan = planWayBack(report, await context());
      return plan ? readOnly(plan) : null;
    },
    planLbMove: async (lb, request) => readOnly(planLbBatch(await context(), lb, request)),
    applyLbBatch: (batch, note) => applyLbBatch(readOnly(batch), { context, apply: (plan) => apply(readOnly(plan)), note }),
    lbWayBack: async (done, reports) => {
      const batch = planLbBack(await context(), done, reports);
      return batch ? readOnly(batch) : null;
    },
    planBgp: async (lb, protocol, action, reason) => {
      const target = config.lbs.find((l) => l.name === lb)?.failover?.bird;
      if (!target) throw new Error(`${lb} declares no bird: in the config`);
      await failover.refresh([lb]);
      return readOnly(planBgp(lb, target, failover.store.host(lb)?.bird?.value ?? null, action, protocol, reason));
    },
    applyBgp: (plan) => {
      const target = config.lbs.find((l) => l.name === plan.lb)!.failover!.bird!;
      return after(applyBgp(plan, { runner: failover.runners.get(plan.lb)!, target, audit }));
    },
  };
}
