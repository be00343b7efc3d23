// The follow-up of the last node drain, for the full-screen progress view: the latest reading, the first one
// (where each server started from), and whether the view is open. A new drain (a new startedAt) opens it and
// takes the place of that drain's own "DONE" report; Esc closes it while the follow goes on; P reopens it.
import { useCallback, useEffect, useState } from 'react';
import type { DrainProgress } from '../../actions/node-wait.js';
import type { WriteFlow } from '../hooks/useWriteFlow.js';
import type { AppServices, NodeProgressUpdate } from '../services.js';

export interface DrainFollow extends NodeProgressUpdate {
  /** The first reading of this drain (sessions + queue each server started from). */
  first: DrainProgress;
}

export interface DrainView {
  follow: DrainFollow | null;
  open: boolean;
  top: number;
  show(): void;
  close(): void;
  scroll(top: number): void;
}

const unread = (p: DrainProgress) => p.rows.every((r) => r.scur === null && !r.error);

export function useDrainProgress(services: AppServices, flow: WriteFlow): DrainView {
  const [state, setState] = useState<{ follow: DrainFollow | null; open: boolean; top: number }>({ follow: null, open: false, top: 0 });
  useEffect(
    () =>
      services.nodeProgress?.subscribe((update) =>
        setState((s) => {
          const same = s.follow !== null && s.follow.node === update.node && s.follow.startedAt === update.startedAt;
          // The follow opens the view before its first reading (every row '?'): that reading is where they start.
          if (same) return { ...s, follow: { ...update, first: unread(s.follow!.first) ? update.progress : s.follow!.first } };
          // Updates without startedAt (older composition roots) only feed the flash line.
          if (update.startedAt === undefined) return s;
          return { follow: { ...update, first: update.progress }, open: true, top: 0 };
        }),
      ),
    [services],
  );
  // The drain's own report ("verified on 2 LBs") gives way to the progress view, whichever came first.
  const d = flow.dialog;
  const follow = state.follow;
  useEffect(() => {
    if (!state.open || !follow || d?.kind !== 'outcome' || d.outcome.kind !== 'servers' || !d.outcome.report.ok) return;
    const { plan } = d.outcome.report;
    if (plan.kind === 'node' && plan.node?.name === (follow.address ?? follow.node) && plan.node.action === follow.action) flow.close();
  }, [state.open, follow?.startedAt, d]); // eslint-disable-line react-hooks/exhaustive-deps -- keyed on the drain (startedAt), not on every progress update of `follow`; `flow` is a new object each render
  return {
    ...state,
    show: useCallback(() => setState((s) => ({ ...s, open: s.follow !== null })), []),
    close: useCallback(() => setState((s) => ({ ...s, open: false })), []),
    scroll: useCallback((top: number) => setState((s) => ({ ...s, top })), []),
  };
}
