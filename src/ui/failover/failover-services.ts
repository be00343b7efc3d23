// What the VIPS and BGP views need from the rest of lbtop, injected by the composition root like AppServices.
// The UI plans and applies through these; it never runs a command itself.
import type { BgpPlan, BgpReport } from '../../actions/failover/bgp.js';
import type { MoveRequest } from '../../actions/failover/context.js';
import type { FailoverPlan, FailoverReport } from '../../actions/failover/types.js';
import type { FailoverState } from '../../store/failover-store.js';

export interface FailoverServices {
  getState(): FailoverState;
  subscribe(listener: () => void): () => void;
  /** Re-reads the failover sources and HAProxy, then plans (the preview matches what is there now). */
  planMove(request: MoveRequest): Promise<FailoverPlan>;
  apply(plan: FailoverPlan): Promise<FailoverReport>;
  wayBack(report: FailoverReport): Promise<FailoverPlan | null>;
  planBgp(lb: string, protocol: string, action: 'disable' | 'enable', reason: string): Promise<BgpPlan>;
  applyBgp(plan: BgpPlan): Promise<BgpReport>;
}
