// What the VIPS and BGP views need from the rest of lbtop, injected by the composition root like AppServices.
// The UI plans and applies through these; it never runs a command itself.
import type { BgpPlan, BgpReport } from '../../actions/failover/bgp.js';
import type { MoveRequest } from '../../actions/failover/context.js';
import type { LbBatch } from '../../actions/failover/lb-batch.js';
import type { FailoverPlan, FailoverReport } from '../../actions/failover/types.js';
import type { FailoverState } from '../../store/failover-store.js';

export interface FailoverServices {
  getState(): FailoverState;
  subscribe(listener: () => void): () => void;
  /** Re-reads the failover sources and HAProxy, then plans (the preview matches what is there now). */
  planMove(request: MoveRequest): Promise<FailoverPlan>;
  apply(plan: FailoverPlan): Promise<FailoverReport>;
  wayBack(report: FailoverReport): Promise<FailoverPlan | null>;
  /** Every VIP `lb` holds alone, to `request.to`: the same planner as `lbtop vip move LB` (fresh read first). */
  planLbMove(lb: string, request: Omit<MoveRequest, 'target'>): Promise<LbBatch>;
  /** Applies a batch (each plan after the first made again just before it runs); notes say what was skipped. */
  applyLbBatch(batch: LbBatch, note: (text: string) => void): Promise<FailoverReport[]>;
  lbWayBack(done: LbBatch, reports: FailoverReport[]): Promise<LbBatch | null>;
  planBgp(lb: string, protocol: string, action: 'disable' | 'enable', reason: string): Promise<BgpPlan>;
  applyBgp(plan: BgpPlan): Promise<BgpReport>;
}
