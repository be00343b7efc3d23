// The VIPS/BGP views' live state (the FailoverStore, subscribed) and what they plan: a VIP move, a whole-LB move
// (every VIP it holds, confirmed once by the LB's name) or a BGP disable/enable. The one write dialog
// (useWriteFlow) previews each, sends it once the confirmation word is typed, reports, and offers the way back;
// Tab in a move's preview points it at the next candidate LB.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FailoverState } from '../../store/failover-store.js';
import type { WriteFlow } from '../hooks/useWriteFlow.js';
import { batchWrite, bgpWrite, vipWrite } from '../writes/failover-write.js';
import type { FailoverServices } from './failover-services.js';
import { initialFailoverUiState, type FailoverDialog, type FailoverUiState } from './failover-ui-state.js';

const EMPTY: FailoverState = { hosts: [], vips: [], revision: 0 };
const noop = () => () => {};

export interface FailoverApi {
  data: FailoverState;
  ui: FailoverUiState;
  set(update: (s: FailoverUiState) => FailoverUiState): void;
  openDialog(d: FailoverDialog | null): void;
  /** `targets`: every LB the VIP could go to, for Tab in the preview. */
  planMove(target: string, to: string, force?: boolean, targets?: string[]): void;
  planLbMove(lb: string, to: string, force: boolean, targets: string[]): void;
  planBgp(lb: string, protocol: string, action: 'disable' | 'enable', reason: string): void;
}

export function useFailover(services: FailoverServices | undefined, flow: WriteFlow): FailoverApi {
  // Stable per services object: a new subscribe function each render would make React re-subscribe every frame.
  const subscribe = useMemo(() => (services ? (listener: () => void) => services.subscribe(listener) : noop), [services]);
  const snapshot = useCallback(() => services?.getState() ?? EMPTY, [services]);
  const data = useSyncExternalStore(subscribe, snapshot);
  const [ui, setUi] = useState(initialFailoverUiState);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const set = useCallback((update: (s: FailoverUiState) => FailoverUiState) => {
    if (mounted.current) setUi(update);
  }, []);
  const openDialog = useCallback((dialog: FailoverDialog | null) => set((s) => ({ ...s, dialog })), [set]);
  return {
    data,
    ui,
    set,
    openDialog,
    planMove: (target, to, force = false, targets = [to]) => {
      if (services) flow.plan(`planning: move ${target} to ${to}`, services.planMove({ target, to, force, targets }).then((plan) => vipWrite(plan, services, force)));
    },
    planLbMove: (lb, to, force, targets) => {
      if (services) flow.plan(`planning: move every VIP of ${lb} to ${to}`, services.planLbMove(lb, { to, force, targets }).then((batch) => batchWrite(batch, services)));
    },
    planBgp: (lb, protocol, action, reason) => {
      if (!services) return;
      openDialog(null);
      flow.plan(`planning: ${action} ${protocol} on ${lb}`, services.planBgp(lb, protocol, action, reason).then((plan) => bgpWrite(plan, services)));
    },
  };
}
