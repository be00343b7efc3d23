// The VIPS/BGP views' live state (the FailoverStore, subscribed) and what they do: plan a VIP move or a BGP
// disable/enable, show the preview, apply once the confirmation word is typed, show the result, offer the way
// back. Apply runs in the background; the dialog says "applying" meanwhile. A whole LB moves as one batch (every
// VIP it holds, confirmed once by the LB's name); Tab in a preview points it at the next candidate LB.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { bgpReportLines, failoverReportLines } from '../../present/failover-report.js';
import { plain } from '../../present/line.js';
import type { FailoverReport } from '../../actions/failover/types.js';
import type { FailoverState } from '../../store/failover-store.js';
import type { FailoverServices } from './failover-services.js';
import { initialFailoverUiState, type FailoverDialog, type FailoverUiState } from './failover-ui-state.js';

type Flash = (text: string, level: 'info' | 'ok' | 'error') => void;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
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
  /** Plans the open preview again for the next candidate LB. */
  cycleTarget(): void;
  planBgp(lb: string, protocol: string, action: 'disable' | 'enable', reason: string): void;
  confirm(): void;
  wayBack(): void;
}

export function useFailover(services: FailoverServices | undefined, flash: Flash): FailoverApi {
  // Stable per services object: a new subscribe function each render would make React re-subscribe every frame.
  const subscribe = useMemo(() => (services ? (listener: () => void) => services.subscribe(listener) : noop), [services]);
  const snapshot = useCallback(() => services?.getState() ?? EMPTY, [services]);
  const data = useSyncExternalStore(subscribe, snapshot);
  const [ui, setUi] = useState(initialFailoverUiState);
  const current = useRef(ui);
  current.current = ui;
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const set = useCallback((update: (s: FailoverUiState) => FailoverUiState) => {
    if (mounted.current) setUi((s) => (current.current = update(s)));
  }, []);
  const openDialog = useCallback((dialog: FailoverDialog | null) => set((s) => ({ ...s, dialog })), [set]);
  const fail = useCallback((title: string) => (e: unknown) => openDialog({ kind: 'result', title, lines: [plain(message(e))], ok: false, report: null }), [openDialog]);

  const showReport = useCallback((report: FailoverReport) => {
    openDialog({ kind: 'result', title: report.plan.title, lines: failoverReportLines(report), ok: report.ok, report });
    flash(report.ok ? report.detail : `failover not verified: ${report.detail}`, report.ok ? 'ok' : 'error');
  }, [openDialog, flash]);

  const planMove = useCallback((target: string, to: string, force = false, targets: string[] = [to]) => {
    if (!services) return;
    openDialog({ kind: 'busy', title: `planning: move ${target} to ${to}` });
    services.planMove({ target, to, force }).then((plan) => openDialog({ kind: 'vip-preview', plan, typed: '', retarget: { targets, force } }), fail(`move ${target}`));
  }, [services, openDialog, fail]);

  const planLbMove = useCallback((lb: string, to: string, force: boolean, targets: string[]) => {
    if (!services) return;
    openDialog({ kind: 'busy', title: `planning: move every VIP of ${lb} to ${to}` });
    services.planLbMove(lb, { to, force }).then((batch) => openDialog({ kind: 'lb-preview', batch, typed: '', retarget: { targets, force } }), fail(`move ${lb}`));
  }, [services, openDialog, fail]);

  const cycleTarget = useCallback(() => {
    const d = current.current.dialog;
    if ((d?.kind !== 'vip-preview' && d?.kind !== 'lb-preview') || !d.retarget) return flash('this preview has no other target', 'error');
    const { targets, force } = d.retarget;
    const to = d.kind === 'vip-preview' ? d.plan.to : d.batch.to;
    if (targets.length < 2) return flash(`${to} is the only LB to move to`, 'info');
    const next = targets[(targets.indexOf(to) + 1) % targets.length]!;
    if (d.kind === 'vip-preview') planMove(d.plan.vip, next, force, targets);
    else planLbMove(d.batch.lb, next, force, targets);
  }, [flash, planMove, planLbMove]);

  const planBgp = useCallback((lb: string, protocol: string, action: 'disable' | 'enable', reason: string) => {
    if (!services) return;
    openDialog({ kind: 'busy', title: `planning: ${action} ${protocol} on ${lb}` });
    services.planBgp(lb, protocol, action, reason).then((plan) => openDialog({ kind: 'bgp-preview', plan, typed: '' }), fail(`${action} ${protocol}`));
  }, [services, openDialog, fail]);

  const confirm = useCallback(() => {
    const d = current.current.dialog;
    if (!services || !d) return;
    if (d.kind === 'vip-preview') {
      if (d.plan.refused) return flash(`refused: ${d.plan.refused}`, 'error');
      if (d.typed !== d.plan.confirmWord) return flash(`type "${d.plan.confirmWord}" exactly to confirm`, 'error');
      openDialog({ kind: 'busy', title: `applying: ${d.plan.title} (watching the VIP move)` });
      services.apply(d.plan).then(showReport, fail(d.plan.title));
    } else if (d.kind === 'lb-preview') {
      const { batch } = d;
      if (batch.refused) return flash(`refused: ${batch.refused}`, 'error');
      if (d.typed !== batch.confirmWord) return flash(`type "${batch.confirmWord}" exactly to confirm`, 'error');
      openDialog({ kind: 'busy', title: `applying: ${batch.title} (${batch.plans.length} step${batch.plans.length === 1 ? '' : 's'}, watching each VIP move)` });
      const notes: string[] = [];
      services.applyLbBatch(batch, (t) => notes.push(t)).then((reports) => {
        const ok = reports.length > 0 && reports.every((r) => r.ok) && !notes.some((n) => n.startsWith('REFUSED'));
        const lines = [...reports.flatMap((r) => [plain(`Result: ${r.plan.title}`), ...failoverReportLines(r)]), ...notes.map((n) => plain(n))];
        openDialog({ kind: 'result', title: batch.title, lines, ok, report: null, batch: { done: batch, reports } });
        flash(ok ? `${batch.title}: done, ${reports.length} step(s)` : `${batch.title}: not all done`, ok ? 'ok' : 'error');
      }, fail(batch.title));
    } else if (d.kind === 'bgp-preview') {
      if (d.plan.refused) return flash(`refused: ${d.plan.refused}`, 'error');
      if (d.typed !== d.plan.confirmWord) return flash(`type "${d.plan.confirmWord}" exactly to confirm`, 'error');
      openDialog({ kind: 'busy', title: `applying: ${d.plan.title}` });
      services.applyBgp(d.plan).then(
        (r) => openDialog({ kind: 'result', title: d.plan.title, lines: bgpReportLines(r), ok: r.ok, report: null }),
        fail(d.plan.title),
      );
    }
  }, [services, flash, openDialog, showReport, fail]);

  const wayBack = useCallback(() => {
    const d = current.current.dialog;
    if (services && d?.kind === 'result' && d.batch) {
      const { done, reports } = d.batch;
      openDialog({ kind: 'busy', title: 'planning the way back' });
      return void services.lbWayBack(done, reports).then((batch) => (batch ? openDialog({ kind: 'lb-preview', batch, typed: '' }) : openDialog({ kind: 'result', title: 'the way back', lines: [plain('nothing to undo')], ok: false, report: null })), fail('the way back'));
    }
    if (!services || d?.kind !== 'result' || !d.report) return;
    const report = d.report;
    openDialog({ kind: 'busy', title: 'planning the way back' });
    services.wayBack(report).then((plan) => (plan ? openDialog({ kind: 'vip-preview', plan, typed: '' }) : openDialog({ kind: 'result', title: 'the way back', lines: [plain('nothing to undo')], ok: false, report: null })), fail('the way back'));
  }, [services, openDialog, fail]);

  return { data, ui, set, openDialog, planMove, planLbMove, cycleTarget, planBgp, confirm, wayBack };
}
