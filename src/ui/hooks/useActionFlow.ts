// Drives the write flow: opens the preview, sends only on confirm, shows the report, offers the rollback.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApplyReport, Plan } from '../../actions/types.js';
import { canConfirm, summarize, type DialogState } from '../state/dialog.js';
import type { AppServices } from '../services.js';
import type { KeyPress } from '../../keymap/parse-key.js';
import { editText } from '../state/edit-text.js';
import { confirmedTooSoon, READ_FIRST } from '../state/confirm-guard.js';
import { goOnPlan } from '../../actions/node-hooks.js';
import { resultLine } from '../../actions/user-command.js';

export { CONFIRM_GUARD_MS } from '../state/confirm-guard.js';

export interface ActionFlow {
  dialog: DialogState | null;
  preview(plan: Plan): void;
  /** Applies a typed key to the confirmation word as it is now. */
  type(key: KeyPress): void;
  confirm(how: { key: 'y' } | { word: string }): boolean;
  /** The operator's explicit choice to apply without the unreachable LBs the preview names. */
  skipUnreachable(): void;
  rollback(): void;
  close(): void;
}

/** `onUserRun`: a previewed user command ran; its output is in the OUTPUT panel, which this opens. */
export function useActionFlow(services: AppServices, flash: (text: string, level: 'info' | 'ok' | 'error') => void, onUserRun?: () => void): ActionFlow {
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const current = useRef(dialog);
  current.current = dialog;
  const mounted = useRef(true);
  const shownAt = useRef(0);
  useEffect(() => () => void (mounted.current = false), []);

  const finish = useCallback(
    (promise: Promise<ApplyReport>, what: string) => {
      promise.then(
        (report) => {
          if (!mounted.current) return;
          if (report.held) {
            // A node-drain before-hook failed and nothing was sent: the same preview again, saying so; y goes on.
            shownAt.current = services.now();
            setDialog((current.current = { kind: 'preview', plan: goOnPlan(report), typed: '' }));
            return flash(`${report.plan.title}: a before-hook failed, nothing sent — y sends anyway, Esc sends nothing`, 'error');
          }
          if (report.plan.kind === 'user-command' && report.hooks?.[0]) {
            setDialog((current.current = null));
            onUserRun?.();
            return flash(resultLine(report.hooks[0]), report.ok ? 'ok' : 'error');
          }
          setDialog({ kind: 'report', report });
          const s = summarize(report);
          flash(s.text, s.level);
        },
        (error: unknown) => {
          if (!mounted.current) return;
          setDialog(null);
          flash(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
        },
      );
    },
    [flash, onUserRun, services],
  );

  return {
    dialog,
    preview: (plan) => {
      shownAt.current = services.now();
      setDialog({ kind: 'preview', plan, typed: '' });
    },
    type: (key) => setDialog((d) => (d?.kind === 'preview' ? { ...d, typed: editText(d.typed, key) } : d)),
    confirm: (how) => {
      const d = current.current;
      if (!d || d.kind !== 'preview' || !canConfirm(d, how)) return false;
      if (confirmedTooSoon(shownAt.current, services.now())) {
        flash(READ_FIRST, 'error');
        return false;
      }
      current.current = { kind: 'sending', plan: d.plan }; // a second y in the same tick must not send twice
      setDialog(current.current);
      finish(services.apply(d.plan), d.plan.title);
      return true;
    },
    skipUnreachable: () => {
      const d = current.current;
      if (!d || d.kind !== 'preview' || (d.plan.unreachable ?? []).length === 0 || d.plan.skipUnreachable) return;
      // The preview changes (it now says what is left out): read it again before y counts.
      shownAt.current = services.now();
      current.current = { ...d, plan: { ...d.plan, skipUnreachable: true } };
      setDialog(current.current);
    },
    rollback: () => {
      const d = current.current;
      if (!d || d.kind !== 'report' || d.report.rollbackOffered.length === 0) return;
      current.current = { kind: 'rolling-back', report: d.report };
      setDialog(current.current);
      finish(services.rollback(d.report), `roll back of ${d.report.plan.title}`);
    },
    close: () => {
      const d = current.current;
      if (d && (d.kind === 'sending' || d.kind === 'rolling-back')) return; // in flight: wait for the report
      current.current = null;
      setDialog(null);
    },
  };
}
