// The one write dialog as states, whatever planned the write (src/actions/confirmation.ts): planning → preview
// → (y, or the typed word) → sending → outcome (→ rollback or the way back → outcome, or a new preview). Nothing
// is sent from `preview` except by the confirm transition, which only the dialog's own key handler triggers.
import { blockedWhy, confirmOf, type Outcome, type Preview } from '../../actions/confirmation.js';
import type { Scope } from '../../keymap/bindings.js';

export type Flash = readonly [text: string, level: 'info' | 'ok' | 'error'];

/** A previewed write and what it can do: send (once confirmed), leave out the unreachable LBs, aim elsewhere. */
export interface Write {
  preview: Preview;
  send(): Promise<Next>;
  /** What the dialog says while it is sent ("sending… (the report follows)"). */
  sending?: string;
  /** `u`: the same write without the unreachable LBs (the operator's explicit choice). */
  skipUnreachable?(): Write;
  /** Tab: the same write planned again for the next target LB; a string says why there is none. */
  retarget?(): Promise<Write> | string;
}

/** Puts back what an outcome changed (R): sends at once, or plans the way back and previews it first. */
export interface Rollback {
  /** The prompt's words after R: "roll back lb1, lb2", "the way back (preview first)". */
  label: string;
  busy: string;
  run(): Promise<Next>;
}

/** What follows a send or a rollback. */
export type Next =
  | { show: 'preview'; write: Write; flash?: Flash }
  | { show: 'outcome'; outcome: Outcome; rollback?: Rollback; flash?: Flash }
  | { show: 'nothing'; flash?: Flash; after?: () => void };

export type WriteDialog =
  /** Planning (nothing on screen yet) or sending (the preview stays on screen under the busy line). */
  | { kind: 'busy'; title: string; preview?: Preview }
  | { kind: 'preview'; write: Write; typed: string }
  | { kind: 'outcome'; outcome: Outcome; rollback?: Rollback; rollingBack: boolean };

/** Why this confirmation cannot send now (flashed), or null when it may. */
export function confirmRefusal(write: Write, how: { key: 'y' } | { word: string }): string | null {
  const blocked = blockedWhy(write.preview);
  if (blocked) return blocked;
  const confirm = confirmOf(write.preview);
  if (confirm.by === 'key') return 'key' in how ? null : 'press y to send';
  return 'word' in how && how.word === confirm.word ? null : `type "${confirm.word}" exactly to confirm`;
}

/** The footer's hint scope while the dialog owns the keyboard. */
export function writeHintScope(dialog: WriteDialog | null): Scope | null {
  if (!dialog) return null;
  if (dialog.kind !== 'preview') return 'report';
  return confirmOf(dialog.write.preview).by === 'word' ? 'confirm' : 'preview';
}
