// The one write flow of the TUI: every write — a server or node action, a map/ACL or haproxy.cfg edit, a VIP or
// LB move, a BGP change — opens the same dialog (WriteDialog.tsx) through this hook: planning, the preview, the
// one confirm guard, sending, the outcome, and the rollback or the way back it offers.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Plan } from '../../actions/types.js';
import type { KeyPress } from '../../keymap/parse-key.js';
import { confirmOf, previewTitle } from '../../actions/confirmation.js';
import { confirmedTooSoon, READ_FIRST } from '../state/confirm-guard.js';
import { editText } from '../state/edit-text.js';
import { confirmRefusal, type Next, type Write, type WriteDialog } from '../state/write-dialog.js';
import type { AppServices } from '../services.js';
import { serversWrite } from '../writes/servers-write.js';

type Flash = (text: string, level: 'info' | 'ok' | 'error') => void;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface WriteFlow {
  dialog: WriteDialog | null;
  /** Opens the preview of a planned write. */
  propose(write: Write): void;
  /** Shows `title` while the write is planned, then its preview (null: nothing to preview, the planner said why). */
  plan(title: string, work: Promise<Write | null>): void;
  /** The preview of a runtime-API plan (server, node, sessions, table actions, user commands, undo). */
  preview(plan: Plan): void;
  /** A runtime-API plan as a write, for a planner that may come back with one (a drift fix). */
  writeOf(plan: Plan): Write;
  /** Applies a typed key to the confirmation word as it is now. */
  type(key: KeyPress): void;
  confirm(how: { key: 'y' } | { word: string }): boolean;
  skipUnreachable(): void;
  retarget(): void;
  rollback(): void;
  /** Closes the dialog; false while something is in flight (the outcome follows). */
  close(): boolean;
}

/** `onUserRun`: a previewed user command ran; its output is in the OUTPUT panel, which this opens. */
export function useWriteFlow(services: AppServices, flash: Flash, onUserRun?: () => void): WriteFlow {
  const [dialog, setDialog] = useState<WriteDialog | null>(null);
  const current = useRef(dialog);
  const mounted = useRef(true);
  const shownAt = useRef(0);
  useEffect(() => () => void (mounted.current = false), []);
  const show = useCallback((d: WriteDialog | null) => {
    if (!mounted.current) return;
    // A preview shown (or changed) is read before y counts: the one confirm guard starts here.
    if (d?.kind === 'preview') shownAt.current = services.now();
    current.current = d;
    setDialog(d);
  }, [services]);

  const follow = useCallback((promise: Promise<Next>, what: string) => {
    promise.then(
      (next) => {
        if (!mounted.current) return;
        if (next.show === 'preview') show({ kind: 'preview', write: next.write, typed: '' });
        else if (next.show === 'outcome') show({ kind: 'outcome', outcome: next.outcome, rollback: next.rollback, rollingBack: false });
        else {
          show(null);
          next.after?.();
        }
        if (next.flash) flash(...next.flash);
      },
      (error: unknown) => {
        show(null);
        flash(`${what} failed: ${message(error)}`, 'error');
      },
    );
  }, [flash, show]);

  const propose = (write: Write) => show({ kind: 'preview', write, typed: '' });
  const plan = (title: string, work: Promise<Write | null>) => {
    show({ kind: 'busy', title });
    follow(work.then((write): Next => (write ? { show: 'preview', write } : { show: 'nothing' })), title.replace(/…$/, ''));
  };
  return {
    dialog,
    propose,
    plan,
    preview: (p) => propose(serversWrite(p, services, onUserRun)),
    writeOf: (p) => serversWrite(p, services, onUserRun),
    type: (key) => {
      const d = current.current;
      if (d?.kind === 'preview') show({ ...d, typed: editText(d.typed, key) });
    },
    confirm: (how) => {
      const d = current.current;
      if (d?.kind !== 'preview') return false;
      const why = confirmRefusal(d.write, how);
      if (why) return (flash(why, 'error'), false);
      if (confirmOf(d.write.preview).by === 'key' && confirmedTooSoon(shownAt.current, services.now())) return (flash(READ_FIRST, 'error'), false);
      // A second y in the same tick must not send twice: the dialog leaves `preview` before anything is sent.
      show({ kind: 'busy', title: d.write.sending ?? 'sending… (the report follows)', preview: d.write.preview });
      follow(d.write.send(), previewTitle(d.write.preview));
      return true;
    },
    skipUnreachable: () => {
      const d = current.current;
      if (d?.kind === 'preview' && d.write.skipUnreachable) show({ kind: 'preview', write: d.write.skipUnreachable(), typed: d.typed });
    },
    retarget: () => {
      const d = current.current;
      if (d?.kind !== 'preview' || !d.write.retarget) return flash('this preview has no other target', 'error');
      const next = d.write.retarget();
      if (typeof next === 'string') return flash(next, 'info');
      plan('planning: the next target', next);
    },
    rollback: () => {
      const d = current.current;
      if (d?.kind !== 'outcome' || !d.rollback || d.rollingBack) return;
      show({ ...d, rollingBack: true });
      follow(d.rollback.run(), d.rollback.label);
    },
    close: () => {
      const d = current.current;
      if (d && (d.kind === 'busy' || (d.kind === 'outcome' && d.rollingBack))) return false; // in flight: wait for the outcome
      show(null);
      return true;
    },
  };
}
