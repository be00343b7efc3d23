// State of the VIPS and BGP views and their dialogs: a reason prompt (BGP), the preview with the typed
// confirmation word, "applying", and the result (with the way back offered after a VIP move).
import type { BgpPlan } from '../../actions/failover/bgp.js';
import type { LbBatch } from '../../actions/failover/lb-batch.js';
import type { FailoverPlan, FailoverReport } from '../../actions/failover/types.js';
import type { Line } from '../../present/line.js';

/** The LBs a preview may be pointed at (Tab cycles them and plans again), and the request to re-plan with. */
export interface Retarget {
  targets: string[];
  force: boolean;
}

export type FailoverView = 'vips' | 'bgp';

export type FailoverDialog =
  | { kind: 'reason'; lb: string; protocol: string; action: 'disable' | 'enable'; text: string }
  | { kind: 'busy'; title: string }
  | { kind: 'vip-preview'; plan: FailoverPlan; typed: string; retarget?: Retarget }
  /** Every VIP one LB holds, moved as one batch (or their way back); confirmed by typing the LB's name. */
  | { kind: 'lb-preview'; batch: LbBatch; typed: string; retarget?: Retarget }
  | { kind: 'bgp-preview'; plan: BgpPlan; typed: string }
  | { kind: 'result'; title: string; lines: Line[]; ok: boolean; report: FailoverReport | null; batch?: { done: LbBatch; reports: FailoverReport[] } };

export interface FailoverUiState {
  cursor: { vips: number; bgp: number };
  dialog: FailoverDialog | null;
}

export const initialFailoverUiState = (): FailoverUiState => ({ cursor: { vips: 0, bgp: 0 }, dialog: null });

export const isFailoverView = (view: string): view is FailoverView => view === 'vips' || view === 'bgp';

/** The footer's hint scope while a failover dialog owns the keyboard. */
export function failoverHintScope(dialog: FailoverDialog | null): 'prompt' | 'report' | 'confirm' | null {
  if (!dialog) return null;
  if (dialog.kind === 'reason') return 'prompt';
  if (dialog.kind === 'result' || dialog.kind === 'busy') return 'report';
  return 'confirm';
}
